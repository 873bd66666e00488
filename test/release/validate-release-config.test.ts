import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishProblems, REPO_ROOT, workflowRuleProblems } from '../../scripts/validate-release-config.mjs';

/**
 * scripts/validate-release-config.mjs, the `.ci/run` step that checks the GitHub workflows and
 * the electron-builder configuration where neither can run. Fed broken copies, it must fail.
 */
const SCRIPT = join(REPO_ROOT, 'scripts', 'validate-release-config.mjs');
let dir: string;

function validate(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
}

/** A copy of the real workflows folder with one file replaced. */
function workflowsWith(name: string, text: string): string {
  const folder = mkdtempSync(join(dir, 'wf-'));
  for (const f of ['ci.yml', 'release.yml']) copyFileSync(join(REPO_ROOT, '.github', 'workflows', f), join(folder, f));
  writeFileSync(join(folder, name), text);
  return folder;
}

const builderYml = () => readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twofold-release-config-'));
  mkdirSync(dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate-release-config', () => {
  it('accepts the repository’s workflows and electron-builder.yml', { timeout: 90_000 }, () => {
    const r = validate([]);
    expect(r.stderr).not.toMatch(/problem/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Release configuration valid: ci.yml, release.yml and electron-builder.yml.');
  });

  it('fails on a workflow that breaks the schema, and on a broken electron-builder.yml, naming both', { timeout: 90_000 }, () => {
    const workflows = workflowsWith('ci.yml', 'name: CI\non: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: not-a-list\n');
    const config = join(dir, 'broken-builder.yml');
    writeFileSync(config, builderYml().replace('electronFuses:', 'electronFusez:'));
    const r = validate(['--workflows', workflows, '--builder-config', config]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ci\.yml: action-validator: .*steps/);
    expect(r.stderr).toMatch(/broken-builder\.yml: electron-builder: Invalid configuration object.*electronFusez/s);
    expect(r.stderr).not.toMatch(/release\.yml/);
  });

  it('fails on a YAML parse error in a workflow and on publish settings auto-update cannot use', { timeout: 90_000 }, () => {
    const workflows = workflowsWith('release.yml', 'name: Release\non: push\njobs:\n  x: [\n');
    const config = join(dir, 'bad-publish.yml');
    writeFileSync(config, builderYml().replace('publish:\n  provider: github\n  releaseType: release\n', 'publish:\n  provider: github\n  releaseType: draft\n'));
    const r = validate(['--workflows', workflows, '--builder-config', config]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/release\.yml: action-validator: Parse Error/);
    expect(r.stderr).toMatch(/bad-publish\.yml: publish\.releaseType: "draft"/);
  });

  it('requires every action pinned to a commit SHA with its version, and top-level permissions', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020\n      - uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5\n      - uses: ./.github/actions/local\n';
    expect(workflowRuleProblems('w.yml', text)).toEqual([
      'w.yml:6: "actions/checkout" is not pinned to a full commit SHA with its version in a comment (uses: owner/repo@<40 hex> # vX.Y.Z).',
      'w.yml:7: "actions/setup-node" is not pinned to a full commit SHA with its version in a comment (uses: owner/repo@<40 hex> # vX.Y.Z).',
      'w.yml: no top-level "permissions": give the token only what the jobs need (contents: read).',
    ]);
  });

  it('requires one GitHub publish target without a token, and the targets that update themselves', () => {
    const good = { publish: { provider: 'github', releaseType: 'release' }, mac: { target: [{ target: 'dmg' }, { target: 'zip' }] }, linux: { target: ['AppImage'] }, win: { target: [{ target: 'nsis' }] } };
    expect(publishProblems(good)).toEqual([]);
    expect(publishProblems({ ...good, publish: undefined })).toEqual([expect.stringMatching(/^publish: exactly one \{ provider: github \}/)]);
    expect(publishProblems({ ...good, publish: [{ provider: 'github' }, { provider: 's3' }] })).toHaveLength(1);
    expect(publishProblems({ ...good, publish: { provider: 'github', token: 'ghp_x' } })).toEqual([expect.stringMatching(/^publish\.token/)]);
    expect(publishProblems({ ...good, mac: { target: ['dmg'] } })).toEqual([expect.stringMatching(/^mac\.target: .*zip/)]);
  });
});
