// Validates what the release pipeline runs on, on a machine that cannot run it (no GitHub, no
// Electron binary): every workflow in .github/workflows with action-validator (the workflow
// JSON schema) plus our pinning rules, and electron-builder.yml with electron-builder's own loader
// and JSON schema (app-builder-lib's scheme.json) plus the publish settings auto-update needs.
// Exit status 0 when all is valid, 1 with one line per problem otherwise.
//
//   node scripts/validate-release-config.mjs [--workflows DIR] [--builder-config FILE]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
/** A path inside the repository relative to it (as people read it), anything else as given. */
const shown = (file) => (relative(REPO_ROOT, file).startsWith('..') ? file : relative(REPO_ROOT, file));
const ACTION_VALIDATOR = join(REPO_ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

/** `uses: owner/repo@<40 hex> # v1.2.3`: a tag can be moved to other code, a commit cannot. */
const PINNED_USES = /^\s*-?\s*uses:\s*([^\s#]+)@([0-9a-f]{40})\s+#\s*v\d+(\.\d+){0,2}\s*$/;

/** Problems in one workflow file's text (our rules; the schema is action-validator's). */
export function workflowRuleProblems(name, text) {
  const problems = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const uses = /^\s*-?\s*uses:\s*(\S+)/.exec(line);
    if (!uses) return;
    const target = uses[1].replace(/^['"]|['"]$/g, '');
    // Local actions and reusable workflows are this repository's own code.
    if (target.startsWith('./')) return;
    if (!PINNED_USES.test(line)) {
      problems.push(`${name}:${i + 1}: "${target.split('@')[0]}" is not pinned to a full commit SHA with its version in a comment (uses: owner/repo@<40 hex> # vX.Y.Z).`);
    }
  });
  if (!/^permissions:/m.test(text)) problems.push(`${name}: no top-level "permissions": give the token only what the jobs need (contents: read).`);
  return problems;
}

/** action-validator's errors as one line: where, what (and, for "one of" failures, each alternative's reasons). */
function describeErrors(errors) {
  return errors
    .map((e) => {
      const where = e.path ? `${e.path}: ` : '';
      const nested = (e.states ?? []).map((s) => describeErrors(s.errors ?? [])).filter(Boolean);
      return `${where}${e.title}${e.detail ? ` (${e.detail})` : ''}${nested.length ? ` [${nested.join(' | or | ')}]` : ''}`;
    })
    .join('; ');
}

/** action-validator's verdict on one file (its exit status; its JSON report comes on stderr). */
function actionValidatorProblems(file, name) {
  const r = spawnSync(process.execPath, [ACTION_VALIDATOR, file], { encoding: 'utf8', timeout: 60_000 });
  if (r.status === 0) return [];
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  let detail = output;
  try {
    detail = describeErrors(JSON.parse(output.slice(output.indexOf('{'))).errors ?? []);
  } catch {
    // Not a JSON report: keep the raw output.
  }
  return [`${name}: action-validator: ${detail || `exit status ${r.status}`}`];
}

/** Every workflow file under `dir`: schema (action-validator) and pinning/permissions rules. */
export function validateWorkflows(dir) {
  if (!existsSync(dir)) return [`${dir}: no workflow folder.`];
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  if (files.length === 0) return [`${dir}: no workflow files.`];
  const problems = [];
  for (const f of files) {
    const file = join(dir, f);
    const name = shown(file);
    problems.push(...actionValidatorProblems(file, name), ...workflowRuleProblems(name, readFileSync(file, 'utf8')));
  }
  return problems;
}

/** What auto-update needs from the configuration (electron-updater reads app-update.yml from `publish`). */
export function publishProblems(config) {
  const problems = [];
  const publish = Array.isArray(config.publish) ? config.publish : config.publish ? [config.publish] : [];
  const github = publish.filter((p) => p && typeof p === 'object' && p.provider === 'github');
  if (github.length !== 1 || publish.length !== 1) {
    problems.push('publish: exactly one { provider: github } entry is needed (the release workflow and electron-updater both use GitHub releases).');
  }
  for (const p of github) {
    if ('token' in p) problems.push('publish.token: never put a token in the configuration; the workflow passes GH_TOKEN.');
    if (p.releaseType !== undefined && p.releaseType !== 'release') problems.push(`publish.releaseType: "${p.releaseType}" — electron-updater only sees published releases; use "release".`);
    if (p.private === true) problems.push('publish.private: a private feed would need a token inside the app.');
  }
  const targets = (platform) => (config[platform]?.target ?? []).map((t) => (typeof t === 'string' ? t : t.target));
  if (!targets('mac').includes('zip')) problems.push('mac.target: electron-updater installs macOS updates from the zip target; add it.');
  if (!targets('linux').includes('AppImage')) problems.push('linux.target: AppImage is the Linux build that updates itself; keep it.');
  if (!targets('win').includes('nsis')) problems.push('win.target: nsis is the Windows build that updates itself; keep it.');
  return problems;
}

/** electron-builder's own loading and schema validation, then the publish rules. */
export async function validateBuilderConfig(configPath, projectDir = REPO_ROOT) {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  let config;
  try {
    config = await getConfig(projectDir, configPath, null);
    await validateConfiguration(config, { isEnabled: false, add() {} });
  } catch (error) {
    return [`${shown(configPath)}: electron-builder: ${error instanceof Error ? error.message : String(error)}`];
  }
  return publishProblems(config).map((p) => `${shown(configPath)}: ${p}`);
}

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
}

async function main(args) {
  const workflows = option(args, '--workflows', join(REPO_ROOT, '.github', 'workflows'));
  const builderConfig = option(args, '--builder-config', join(REPO_ROOT, 'electron-builder.yml'));
  const problems = [...validateWorkflows(workflows), ...(await validateBuilderConfig(builderConfig))];
  if (problems.length > 0) {
    console.error(`Release configuration: ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`Release configuration valid: ${readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f)).join(', ')} and ${shown(builderConfig)}.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
