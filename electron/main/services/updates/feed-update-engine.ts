import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider.js';
import { UpdateEngineError, type DownloadedUpdate, type UpdateEngine } from './update-engine';
import type { UpdateInfo } from './update-info';

export interface FeedUpdateEngineOptions {
  /** Folder of the release files, e.g. `https://github.com/o/r/releases/latest/download/`. */
  baseUrl: string;
  /** `latest-linux.yml`, `latest.yml` (Windows) or `latest-mac.yml`. */
  channelFile: string;
  /** Where downloads go; only this engine writes there. */
  cacheDir: string;
  /** Which of the feed's files this platform installs (default: the first). */
  pickFile?: (info: UpdateInfo) => UpdateInfo['files'][number] | undefined;
  fetch?: typeof fetch;
  /** Feed bytes read at most (default 64 KiB: a feed is a few hundred bytes). */
  maxFeedBytes?: number;
  timeoutMs?: number;
}

/**
 * An UpdateEngine over plain HTTP: reads the feed electron-builder publishes (parsed with
 * electron-updater's own `parseUpdateInfo`, the same YAML reading the app's engine does) and
 * downloads the release file it names next to it. It is how the UpdateService is tested against
 * a real HTTP server on 127.0.0.1; the app's engine is electron-updater itself, which also runs
 * the platform installers.
 *
 * Downloads never exceed the size the feed announced, and a cut-short or oversized download is
 * deleted before the error is thrown. The SHA-512 comparison is the service's, not this engine's.
 */
export class FeedUpdateEngine implements UpdateEngine {
  private readonly fetch: typeof fetch;
  installed: string | null = null;
  /** The file armed to be installed at quit (the test's view of electron-updater's autoInstallOnAppQuit). */
  armed: string | null = null;
  private lastDownload: string | null = null;

  constructor(private readonly options: FeedUpdateEngineOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async fetchFeed(): Promise<unknown> {
    const url = new URL(this.options.channelFile, this.options.baseUrl);
    const response = await this.request(url);
    const text = await readCapped(response, this.options.maxFeedBytes ?? 64 * 1024);
    try {
      return parseUpdateInfo(text, this.options.channelFile, url);
    } catch {
      throw new UpdateEngineError('feed-unreadable', `${this.options.channelFile} is not YAML.`);
    }
  }

  async download(info: UpdateInfo): Promise<DownloadedUpdate> {
    const entry = (this.options.pickFile ?? ((i) => i.files[0]))(info);
    if (!entry) throw new UpdateEngineError('download-failed', 'The release has no file for this platform.');
    await mkdir(this.options.cacheDir, { recursive: true });
    // The feed names a plain file (UpdateFileSchema); basename() again so no path can escape the cache.
    const file = join(this.options.cacheDir, basename(entry.url));
    const response = await this.request(new URL(encodeURIComponent(entry.url), this.options.baseUrl));
    const limit = entry.size ?? 2 ** 31;
    let received = 0;
    try {
      if (!response.body) throw new UpdateEngineError('download-incomplete', 'The download had no body.');
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit) body.destroy(new UpdateEngineError('download-incomplete', `More bytes arrived than the ${limit} the feed announced.`));
      });
      await pipeline(body, createWriteStream(file, { mode: 0o600 }));
      if (entry.size !== undefined && received !== entry.size) {
        throw new UpdateEngineError('download-incomplete', `Received ${received} of ${entry.size} bytes.`);
      }
    } catch (error) {
      await rm(file, { force: true });
      throw error instanceof UpdateEngineError ? error : new UpdateEngineError('download-incomplete', 'The download stopped before it was complete.');
    }
    this.lastDownload = file;
    return { file, entry };
  }

  async discard(file: string): Promise<void> {
    await rm(file, { force: true });
    if (this.lastDownload === file) this.lastDownload = null;
  }

  installOnQuit(): void {
    this.armed = this.lastDownload;
  }

  install(): void {
    this.installed = this.lastDownload;
  }

  private async request(url: URL): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000) });
    } catch {
      throw new UpdateEngineError('feed-unreachable', `No answer from ${url.host}.`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpdateEngineError('feed-unreachable', `HTTP ${response.status} for ${url.pathname}.`, response.status);
    }
    return response;
  }
}

async function readCapped(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new UpdateEngineError('feed-unreachable', 'The update description was cut short.');
    });
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new UpdateEngineError('feed-unreadable', `The update description is larger than ${max} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
