import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyAllowList,
  loadAllowList,
  parseElectronegativityCsv,
  type Finding,
} from '../../scripts/electronegativity-gate.mjs';

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url';
const scratch = mkdtempSync(join(tmpdir(), 'twofold-gate-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gate(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', ...args], { encoding: 'utf8', timeout: 110_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('Electronegativity CSV report', () => {
  it('reads findings, including quoted commas, doubled quotes and the header in any position', () => {
    const csv = [
      'SANDBOX_JS_CHECK,"MEDIUM","FIRM","main.js","3:14","new BrowserWindow({ a: ""x, y"" })","Use sandbox",https://w/SANDBOX_JS_CHECK',
      HEADER,
      'CSP_GLOBAL_CHECK,"LOW","FIRM","N/A","0:0",N/A,"Weak CSP",https://w/CSP_GLOBAL_CHECK',
      '',
    ].join('\n');
    const findings = parseElectronegativityCsv(csv);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', file: 'main.js', line: 3, column: 14, sample: 'new BrowserWindow({ a: "x, y" })' });
    expect(findings[1]).toMatchObject({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW', sample: '' });
  });

  it('refuses a report without a header or with a damaged row instead of passing it', () => {
    expect(() => parseElectronegativityCsv('')).toThrow(/no CSV header/);
    expect(() => parseElectronegativityCsv(`${HEADER}\nSANDBOX_JS_CHECK,"MEDI`)).toThrow(/truncated|malformed/);
    expect(() => parseElectronegativityCsv(`${HEADER}\nX,"SEVERE","FIRM","a","1:1",N/A,"d",u`)).toThrow(/malformed row/);
  });
});

describe('allow-list', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'a.ts', line: 1, column: 0,
    sample: 'new BrowserWindow(options)', description: '', url: '', ...over,
  });
  const entry = { id: 'SANDBOX_JS_CHECK', file: 'a.ts', sample: 'new BrowserWindow(', why: 'x'.repeat(40) };

  it('excuses only the exact check, file and line text it names; LOW and INFORMATIONAL never block', () => {
    const { results, unused } = applyAllowList(
      [finding({}), finding({ file: 'b.ts' }), finding({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }), finding({ severity: 'LOW', file: 'c.ts' })],
      [entry],
    );
    expect(results.map((r) => r.status)).toEqual(['allowed', 'blocking', 'blocking', 'info']);
    expect(unused).toEqual([]);
  });

  it('reports entries that no longer match anything', () => {
    expect(applyAllowList([], [entry]).unused).toEqual([entry]);
  });

  it('requires a reason for every entry', () => {
    const path = join(scratch, 'allow.json');
    writeFileSync(path, JSON.stringify({ entries: [{ id: 'SANDBOX_JS_CHECK', file: 'a.ts', why: 'trust me' }] }));
    expect(() => loadAllowList(path)).toThrow(/"why" must explain/);
    writeFileSync(path, '{ not json');
    expect(() => loadAllowList(path)).toThrow(/cannot read the allow-list/);
  });

  it('the reviewed allow-list is well-formed', () => {
    expect(loadAllowList('electron/main/security/electronegativity-allowlist.json').length).toBeGreaterThan(0);
  });
});

describe('the gate, run as CI runs it', () => {
  it('fails on the deliberately insecure sample window, naming the findings', { timeout: 120_000 }, () => {
    const { code, output } = gate('--input', 'test/fixtures/insecure-app', '--allowlist', 'none');
    expect(code, output).toBe(1);
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'NODE_INTEGRATION_HTML_CHECK', 'CSP_GLOBAL_CHECK', 'OPEN_EXTERNAL_JS_CHECK']) {
      expect(output).toContain(id);
    }
    expect(output).toMatch(/FAILED: \d+ HIGH\/MEDIUM finding/);
  });

  it('passes on the app source tree with the reviewed allow-list', { timeout: 120_000 }, () => {
    const { code, output } = gate();
    expect(code, output).toBe(0);
    expect(output).toContain('PASSED');
  });

  it('stops with exit 2 on a bad option rather than passing', () => {
    const { code, output } = gate('--nope', 'x');
    expect(code).toBe(2);
    expect(output).toContain('unknown option --nope');
  });
});
