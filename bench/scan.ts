/**
 * Scan benchmark (issue #4): for every category of the synthetic corpus, success rate and
 * median/p95 time of
 *   - the shipped pipeline: raw RGBA capture -> WorkerQrDecoder (zxing-wasm in a worker thread),
 *     timed from the call to the answer, including the copy to the worker;
 *   - jsQR, in-process on the same RGBA pixels (one code per call by design);
 *   - zbarimg (Debian zbar-tools, the C peer) on a PNG of the same image, timed around the
 *     process (so its figure includes process start and PNG decoding, as a user running it gets);
 * then the pipeline's peak memory on a dual 4K capture, measured in a fresh child process.
 *
 * An image counts as a success when every code in it was found and nothing else was.
 * Run: `npx tsx bench/scan.ts` (full 210 images, a few minutes on 2 cores), or
 * `SCAN_BENCH_PER_CATEGORY=3 npx tsx bench/scan.ts` for a quick look (see also
 * SCAN_BENCH_ENGINES and SCAN_BENCH_CATEGORIES below). Prints a table and one
 * JSON line starting with `{"bench":"scan"`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { WorkerQrDecoder } from '../electron/main/services/scan/worker-qr-decoder';
import { CATEGORY_SIZES, corpus, type Category } from '../test/scan/corpus/corpus';
import type { Canvas } from '../test/scan/corpus/raster';

type Engine = 'pipeline' | 'jsqr' | 'zbarimg';
/** SCAN_BENCH_ENGINES=pipeline,zbarimg runs only those (default: all three). */
const ENGINES = (process.env.SCAN_BENCH_ENGINES?.split(',') ?? ['pipeline', 'jsqr', 'zbarimg']).filter((e): e is Engine => ['pipeline', 'jsqr', 'zbarimg'].includes(e));
/** SCAN_BENCH_CATEGORIES=screen-4k-1,dual-4k keeps only those categories (default: all). */
const CATEGORIES = process.env.SCAN_BENCH_CATEGORIES?.split(',');

interface Outcome {
  ok: boolean;
  found: number;
  expected: number;
  falsePositives: number;
  ms: number;
}

function judge(expected: string[], found: string[], ms: number): Outcome {
  const unique = [...new Set(found)];
  return {
    ok: expected.every((e) => unique.includes(e)) && unique.every((f) => expected.includes(f)),
    found: unique.filter((f) => expected.includes(f)).length,
    expected: expected.length,
    falsePositives: unique.filter((f) => !expected.includes(f)).length,
    ms,
  };
}

function runJsqr(image: Canvas): string[] {
  // Always the same options: jsQR keeps options from one call as defaults for later calls.
  const hit = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return hit ? [hit.data] : [];
}

function runZbarimg(file: string): string[] {
  const r = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8' });
  if (r.error) throw new Error(`zbarimg could not run (${r.error.message}); install Debian's zbar-tools.`);
  return r.stdout.split('\n').filter((line) => line.length > 0);
}

async function toPng(image: Canvas, file: string): Promise<void> {
  const raw = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  await sharp(raw, { raw: { width: image.width, height: image.height, channels: 4 } }).png({ compressionLevel: 1 }).toFile(file);
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Child mode: decode one raw dual-4K capture and report the process's peak RSS. */
async function memoryChild(file: string, width: number, height: number): Promise<void> {
  const decoder = new WorkerQrDecoder();
  const bytes = readFileSync(file);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // As the screen pipeline does: the capture buffer is handed to the worker, not copied.
  const codes = await decoder.decodeTransfer({ width, height, data });
  await decoder.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ peakMb, codes: codes.length }) + '\n');
}

async function main(): Promise<void> {
  const perCategory = process.env.SCAN_BENCH_PER_CATEGORY ? Number(process.env.SCAN_BENCH_PER_CATEGORY) : undefined;
  const specs = corpus(perCategory === undefined ? {} : { perCategory }).filter((s) => !CATEGORIES || CATEGORIES.includes(s.category));
  const dir = mkdtempSync(join(tmpdir(), 'twofold-scan-bench-'));
  const interrupted = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const decoder = new WorkerQrDecoder();
  const results = new Map<string, Outcome[]>();
  const started = performance.now();
  let dualFile: { file: string; width: number; height: number; expected: number } | undefined;
  try {
    await decoder.decode({ width: 16, height: 16, data: new Uint8Array(16 * 16 * 4) }); // load the wasm once, outside the timings
    for (const spec of specs) {
      const { image, expected } = spec.build();
      if (ENGINES.includes('pipeline')) {
        const t = performance.now();
        const codes = await decoder.decode(image);
        push(results, `${spec.category}|pipeline`, judge(expected, codes.map((c) => c.text), performance.now() - t));
      }
      if (ENGINES.includes('jsqr')) {
        const t = performance.now();
        const js = runJsqr(image);
        push(results, `${spec.category}|jsqr`, judge(expected, js, performance.now() - t));
      }
      if (ENGINES.includes('zbarimg')) {
        const png = join(dir, `${spec.id}.png`);
        await toPng(image, png);
        const t = performance.now();
        const zb = runZbarimg(png);
        push(results, `${spec.category}|zbarimg`, judge(expected, zb, performance.now() - t));
        rmSync(png);
      }
      if (spec.category === 'dual-4k' && !dualFile) {
        const file = join(dir, 'dual-4k.rgba');
        writeFileSync(file, image.data);
        dualFile = { file, width: image.width, height: image.height, expected: expected.length };
      }
    }
    await decoder.close();
    let memory: { peakMb: number; codes: number } | undefined;
    if (dualFile) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--memory-child', dualFile.file, String(dualFile.width), String(dualFile.height)], { encoding: 'utf8' });
      const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) memory = JSON.parse(line) as { peakMb: number; codes: number };
      else process.stderr.write(`memory child failed: ${child.stderr}\n`);
    }
    report(results, memory, dualFile?.expected, (performance.now() - started) / 1000, specs.length);
  } finally {
    await decoder.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function push(map: Map<string, Outcome[]>, key: string, outcome: Outcome): void {
  const list = map.get(key) ?? [];
  list.push(outcome);
  map.set(key, list);
}

function report(results: Map<string, Outcome[]>, memory: { peakMb: number; codes: number } | undefined, dualExpected: number | undefined, seconds: number, images: number): void {
  const rows: Record<string, unknown>[] = [];
  const cell = (o: Outcome[]) => {
    const ok = o.filter((x) => x.ok).length;
    const fp = o.reduce((s, x) => s + x.falsePositives, 0);
    const codes = `${o.reduce((s, x) => s + x.found, 0)}/${o.reduce((s, x) => s + x.expected, 0)}`;
    return { ok, n: o.length, codes, fp, median: quantile(o.map((x) => x.ms), 0.5), p95: quantile(o.map((x) => x.ms), 0.95) };
  };
  const header = ['category', ...ENGINES.map((e) => `${e}: ok  codes  fp  med/p95 ms`)];
  console.log(header.map((h, i) => (i === 0 ? h.padEnd(20) : h.padEnd(38))).join(''));
  const totals = new Map<Engine, Outcome[]>();
  for (const category of Object.keys(CATEGORY_SIZES) as Category[]) {
    if (!ENGINES.some((engine) => results.has(`${category}|${engine}`))) continue;
    const parts: string[] = [category.padEnd(20)];
    const row: Record<string, unknown> = { category };
    for (const engine of ENGINES) {
      const o = results.get(`${category}|${engine}`) ?? [];
      if (o.length === 0) continue;
      totals.set(engine, [...(totals.get(engine) ?? []), ...o]);
      const c = cell(o);
      row[engine] = c;
      parts.push(`${c.ok}/${c.n}  ${c.codes}  ${c.fp}  ${c.median.toFixed(0)}/${c.p95.toFixed(0)}`.padEnd(38));
    }
    rows.push(row);
    console.log(parts.join(''));
  }
  const all: string[] = ['all'.padEnd(20)];
  for (const engine of ENGINES) {
    if (!totals.has(engine)) continue;
    const c = cell(totals.get(engine) ?? []);
    all.push(`${c.ok}/${c.n}  ${c.codes}  ${c.fp}  ${c.median.toFixed(0)}/${c.p95.toFixed(0)}`.padEnd(38));
  }
  console.log(all.join(''));
  if (memory) console.log(`pipeline peak RSS decoding one dual 4K capture (7680x2160, fresh process): ${memory.peakMb.toFixed(0)} MB, ${memory.codes}/${dualExpected} codes`);
  console.log(`${images} images in ${seconds.toFixed(0)} s (generation included)`);
  console.log(JSON.stringify({ bench: 'scan', images, rows, dual4kPeakRssMb: memory?.peakMb ?? null }));
}

if (process.argv[2] === '--memory-child') {
  await memoryChild(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
} else {
  await main();
}
