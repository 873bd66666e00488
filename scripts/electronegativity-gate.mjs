// `npm run security`: the Electronegativity gate.
//
// Electronegativity (@doyensec/electronegativity, offline static analysis of Electron apps)
// always exits 0, whatever it finds. This gate runs it, reads its CSV report, and fails (exit 1)
// on any HIGH or MEDIUM finding that the reviewed allow-list does not excuse. Exit 2 means the
// gate itself could not do its job (bad allow-list, scanner crash, unreadable report, or a source
// file the scanner could not parse, which would otherwise be skipped in silence).
//
//   node scripts/electronegativity-gate.mjs                    scan the app's source tree
//   node scripts/electronegativity-gate.mjs --input DIR        scan DIR as it is (a fixture)
//   options: --allowlist FILE (default electron/main/security/electronegativity-allowlist.json;
//            "none" for no allow-list), --report FILE (also keep the CSV there)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_ALLOWLIST = 'electron/main/security/electronegativity-allowlist.json';
/** What the app is made of: the code that runs in Electron, and the package.json that names Electron's version. */
const SOURCE_TREE = ['package.json', 'electron', 'renderer', 'shared'];
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const SEVERITIES = new Set(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);
/**
 * Checks not run, each with the reason. This one downloads Electron's release list from GitHub to
 * compare versions; CI has no network, so it could only time out and report nothing.
 */
export const EXCLUDED_CHECKS = {
  AvailableSecurityFixesGlobalCheck: 'needs network access to GitHub (Electron release notes); CI is offline',
};
const CSV_HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

export class GateError extends Error {}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new GateError('the Electronegativity report ends inside a quoted field (truncated report)');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Findings from Electronegativity's CSV report (header `issue, severity, confidence, filename,
 * location, sample, description, url`). Any row that is not a well-formed finding makes the whole
 * report untrustworthy, and the gate fails rather than guess.
 */
export function parseElectronegativityCsv(text) {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  const headerAt = rows.findIndex((r) => r.map((f) => f.trim()).join(',') === CSV_HEADER.join(','));
  if (headerAt === -1) throw new GateError('the Electronegativity report has no CSV header: was it written at all?');
  const findings = [];
  rows.forEach((r, index) => {
    if (index === headerAt) return;
    if (r.length !== CSV_HEADER.length || !SEVERITIES.has(r[1]) || !/^[A-Z0-9_]+$/.test(r[0] ?? '')) {
      throw new GateError(`the Electronegativity report has a malformed row ${index + 1}: ${JSON.stringify(r).slice(0, 200)}`);
    }
    const [id, severity, confidence, file, location, sample, description, url] = r;
    const [line, column] = location.split(':').map(Number);
    findings.push({
      id,
      severity,
      confidence,
      file: file.split('\\').join('/'),
      line: line ?? 0,
      column: column ?? 0,
      sample: sample === 'N/A' ? '' : sample,
      description,
      url,
    });
  });
  return findings;
}

/** Reads and checks the allow-list: every entry names a check and a file and says why it is safe. */
export function loadAllowList(path) {
  if (path === null) return [];
  let data;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GateError(`cannot read the allow-list ${path}: ${error.message}. Fix the JSON or pass --allowlist none.`);
  }
  const entries = data?.entries;
  if (!Array.isArray(entries)) throw new GateError(`the allow-list ${path} must be {"entries": [...]}`);
  entries.forEach((e, i) => {
    const where = `allow-list entry ${i + 1} in ${path}`;
    if (typeof e?.id !== 'string' || !/^[A-Z0-9_]+$/.test(e.id)) throw new GateError(`${where}: "id" must be an Electronegativity check id such as LIMIT_NAVIGATION_GLOBAL_CHECK`);
    if (typeof e.file !== 'string' || e.file === '') throw new GateError(`${where}: "file" must be the reported file ("N/A" for global checks)`);
    if (e.sample !== undefined && typeof e.sample !== 'string') throw new GateError(`${where}: "sample" must be text from the flagged line`);
    if (typeof e.why !== 'string' || e.why.trim().length < 40) {
      throw new GateError(`${where}: "why" must explain, in a sentence or more, why ${e.id} is a false positive here`);
    }
  });
  return entries;
}

/** Splits findings into blocking, allowed (with the entry that excuses each) and informational. */
export function applyAllowList(findings, allowList) {
  const used = new Set();
  const results = findings.map((f) => {
    if (!BLOCKING.has(f.severity)) return { ...f, status: 'info' };
    const entry = allowList.find((e) => e.id === f.id && e.file === f.file && (e.sample === undefined || f.sample.includes(e.sample)));
    if (!entry) return { ...f, status: 'blocking' };
    used.add(entry);
    return { ...f, status: 'allowed', why: entry.why };
  });
  return { results, unused: allowList.filter((e) => !used.has(e)) };
}

/** Copies the app's source tree (no tests, fixtures, builds or node_modules) to a scratch folder. */
function stageSourceTree(into) {
  for (const entry of SOURCE_TREE) {
    const from = join(REPO, entry);
    if (existsSync(from)) cpSync(from, join(into, entry), { recursive: true, filter: (src) => !src.includes('node_modules') });
  }
}

function listScannable(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...listScannable(path));
    else if (/\.(m?js|jsx|ts|tsx|html?)$/i.test(name)) out.push(path);
  }
  return out;
}

/**
 * Electronegativity skips, without a word in its report, any file its parser rejects: a security
 * gate must not pass code nobody read. So each file is parsed here with the scanner's own Parser,
 * configured as its runner configures it.
 */
function findUnparsableFiles(dir) {
  const { Parser } = require('@doyensec/electronegativity/dist/parser/parser.js');
  const parser = new Parser(false, true);
  const failures = [];
  for (const file of listScannable(dir)) {
    try {
      parser.parse(file, readFileSync(file));
    } catch (error) {
      failures.push(`${relative(dir, file)}: ${String(error.message).split('\n')[0]}`);
    }
  }
  return failures;
}

/**
 * Runs the Electronegativity CLI on `dir` and returns its CSV report as text.
 *
 * The CLI writes the CSV header and the rows with two unordered asynchronous writes, the first of
 * which truncates the file (util/file.js, writeIssues), so a report in a regular file can lose
 * rows if the writes race. Where a POSIX shell and /dev/fd exist, the report path is a symlink to
 * /dev/fd/3 and the shell makes fd 3 a real pipe: a pipe cannot be truncated, nothing is lost, and
 * the parser accepts the header wherever it lands. (Node's own stdio "pipes" are sockets, which
 * /dev/fd cannot reopen.) Elsewhere the report goes to a file and the strict parser must do.
 */
async function runElectronegativity(dir, scratch) {
  const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
  const viaPipe = process.platform !== 'win32' && existsSync('/dev/fd') && existsSync('/bin/sh');
  const reportPath = join(scratch, 'electronegativity-report.csv');
  if (viaPipe) symlinkSync('/dev/fd/3', reportPath);
  const args = [cli, '-i', dir, '-r', '-o', reportPath, '-x', Object.keys(EXCLUDED_CHECKS).join(',')];
  const env = { ...process.env, LANG: 'en-US', GATE_NODE: process.execPath };
  // In the shell, "$@" is the CLI and its arguments; its stdout goes to stderr and fd 3 into the pipe to cat.
  const child = viaPipe
    ? spawn('/bin/sh', ['-c', '"$GATE_NODE" "$@" 3>&1 1>&2 | cat', 'sh', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((done) => child.on('close', done));
  if (viaPipe) {
    // The pipeline's status is cat's; the scanner's own failures show as a missing header below.
    if (stderr.includes('Error')) throw new GateError(`Electronegativity failed:\n${stderr}`);
    return stdout;
  }
  if (code !== 0) throw new GateError(`Electronegativity crashed (exit ${code}):\n${stderr || stdout}`);
  return readFileSync(reportPath, 'utf8');
}

function table(results) {
  const rows = results.map((r) => [r.status.toUpperCase(), r.severity, r.confidence, r.id, r.line ? `${r.file}:${r.line}:${r.column}` : r.file]);
  const head = ['STATUS', 'SEVERITY', 'CONFIDENCE', 'CHECK', 'WHERE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The gate: returns { exitCode, output }. */
export async function runGate({ input = null, allowListPath = join(REPO, DEFAULT_ALLOWLIST), reportPath = null } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'twofold-electronegativity-'));
  const out = [];
  try {
    let dir = input ? resolve(input) : join(scratch, 'app');
    if (!input) stageSourceTree(dir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new GateError(`nothing to scan: ${dir} is not a folder`);
    const allowList = loadAllowList(allowListPath);
    const unparsable = findUnparsableFiles(dir);
    if (unparsable.length > 0) {
      throw new GateError(`Electronegativity cannot parse these files, so it would skip them silently:\n  ${unparsable.join('\n  ')}`);
    }
    const csv = await runElectronegativity(dir, scratch);
    if (reportPath) writeFileSync(reportPath, csv);
    const findings = parseElectronegativityCsv(csv);
    const { results, unused } = applyAllowList(findings, allowList);
    out.push(`Electronegativity on ${input ? relative(process.cwd(), dir) || '.' : `the source tree (${SOURCE_TREE.join(', ')})`}: ${findings.length} finding(s)`);
    for (const [check, why] of Object.entries(EXCLUDED_CHECKS)) out.push(`not run: ${check} (${why})`);
    if (results.length > 0) out.push('', table(results));
    const allowed = results.filter((r) => r.status === 'allowed');
    if (allowed.length > 0) out.push('', 'Allowed by the reviewed allow-list:', ...allowed.map((r) => `  ${r.id} ${r.file}: ${r.why}`));
    if (unused.length > 0) out.push('', 'Allow-list entries that matched nothing (remove them):', ...unused.map((e) => `  ${e.id} ${e.file}`));
    const blocking = results.filter((r) => r.status === 'blocking');
    if (blocking.length > 0) {
      out.push('', `FAILED: ${blocking.length} HIGH/MEDIUM finding(s) not on the allow-list:`);
      for (const b of blocking) out.push(`  ${b.severity} ${b.id} at ${b.file}:${b.line} ${b.sample ? `(${b.sample.slice(0, 100)})` : ''}`, `    ${b.description} ${b.url}`);
      out.push('Fix the code, or, if a finding is a false positive, add it to the allow-list with the reason.');
      return { exitCode: 1, output: out.join('\n'), results };
    }
    out.push('', 'PASSED: no HIGH or MEDIUM finding outside the allow-list.');
    return { exitCode: 0, output: out.join('\n'), results };
  } catch (error) {
    if (!(error instanceof GateError)) throw error;
    out.push(`Electronegativity gate error: ${error.message}`);
    return { exitCode: 2, output: out.join('\n'), results: [] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new GateError(`${flag} needs a value`);
    if (flag === '--input') options.input = value;
    else if (flag === '--allowlist') options.allowListPath = value === 'none' ? null : resolve(value);
    else if (flag === '--report') options.reportPath = resolve(value);
    else throw new GateError(`unknown option ${flag} (known: --input, --allowlist, --report)`);
    i++;
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`electronegativity-gate: ${error.message}`);
    process.exit(2);
  }
  const { exitCode, output } = await runGate(options);
  (exitCode === 0 ? console.log : console.error)(output);
  process.exit(exitCode);
}
