import type { UpdateStatus } from '../../../../shared/ipc/updates-channels';
import type { SettingsStore } from '../../../../shared/settings';
import type { Clock, TimerHandle } from '../clock';
import { sha512Base64 } from './file-digest';
import { compareReleaseVersions, parseReleaseVersion, type ReleaseVersion } from './release-version';
import { UpdateEngineError, type UpdateEngine } from './update-engine';
import { describeFeedProblem, UpdateInfoSchema, type UpdateInfo } from './update-info';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A renderer (or a user with a stuck key) cannot make Twofold ask GitHub more than once a minute. */
export const MANUAL_CHECK_GAP_MS = 60 * 1000;

/** Why this build never updates itself (see electron/main/adapters/electron-updater-engine.ts). */
export type UnsupportedReason = 'portable' | 'not-writable' | 'not-installed';

export interface UpdateServiceOptions {
  engine: UpdateEngine;
  settings: SettingsStore;
  clock: Clock;
  /** The running version (app.getVersion()). */
  currentVersion: string;
  /** Set when this build cannot replace itself: then the engine is never called. */
  unsupported: UnsupportedReason | null;
  /** Asks the user whether to restart now into `version` (a native dialog in the app). */
  confirmInstall(version: string): Promise<boolean>;
  /** The first check after start, so start-up is not slowed (default 10 s). */
  firstCheckDelayMs?: number;
  /** Time between automatic checks (default one day). */
  intervalMs?: number;
  /** Digest of a downloaded file (default: streamed SHA-512, base64). */
  digest?: (file: string) => Promise<string>;
}

const OFF_MESSAGES: Record<UnsupportedReason | 'setting', string> = {
  setting: 'Automatic updates are off. Twofold does not contact the update server.',
  portable: 'This is the portable build, which does not update itself. Download a new version from the releases page.',
  'not-writable': 'Twofold cannot write to the folder it is installed in, so it does not update itself. Update it with your package manager or download a new version.',
  'not-installed': 'This copy of Twofold was not installed from a release (a development build), so it does not update itself.',
};

/**
 * Decides everything about updates; the engine only fetches, downloads and installs.
 *
 * Guarantees (each tested in test/updates against a feed on 127.0.0.1):
 * - No request at all while the `autoUpdate` setting is off or the build cannot update itself
 *   (portable, install folder not writable, not a packaged release).
 * - Only a plain release version strictly newer than the running one is downloaded: equal,
 *   older (no downgrade), pre-release or malformed versions are refused.
 * - A download is installed only after its SHA-512 equals the one the feed published (checked
 *   here again, after the engine's own check and, on Windows and macOS, its code-signature check);
 *   a file that fails is deleted and the reason shown. Nothing installs without the user's yes.
 * - Every failure (garbage feed, 404, a download cut short) ends as a status message; the
 *   service never throws out of a scheduled check.
 */
export class UpdateService {
  private status: UpdateStatus;
  private readonly listeners = new Set<(status: UpdateStatus) => void>();
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private lastManualCheck = -Infinity;
  private readonly current: ReleaseVersion | null;
  private readonly unsubscribe: () => void;
  private disposed = false;

  constructor(private readonly options: UpdateServiceOptions) {
    this.current = parseReleaseVersion(options.currentVersion);
    this.status = {
      state: 'idle',
      offReason: null,
      message: 'Twofold has not checked for updates yet.',
      currentVersion: options.currentVersion,
      availableVersion: null,
      lastCheckedAt: null,
    };
    this.applyOffState();
    this.unsubscribe = options.settings.onChange(() => this.onSettingsChanged());
  }

  getStatus(): UpdateStatus {
    return this.status;
  }

  onChange(listener: (status: UpdateStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the schedule: a first check shortly after start, then one a day. */
  start(): void {
    this.schedule(this.options.firstCheckDelayMs ?? 10_000);
  }

  /** "Check now" from the Settings dialog: at most once a minute, never while off or busy. */
  requestCheck(): UpdateStatus {
    const now = this.options.clock.now();
    if (this.offReason() || this.running || now - this.lastManualCheck < MANUAL_CHECK_GAP_MS) return this.status;
    this.lastManualCheck = now;
    void this.check();
    return this.status;
  }

  /** One check, and the download and install question that follow. Resolves when it is over. */
  check(): Promise<void> {
    // A verified download waits for the restart: no second download of the same release.
    if (this.offReason() || this.status.state === 'ready') return Promise.resolve();
    this.running ??= this.runCheck().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = null;
    this.unsubscribe();
    this.listeners.clear();
  }

  private offReason(): UnsupportedReason | 'setting' | null {
    if (this.options.unsupported) return this.options.unsupported;
    return this.options.settings.get().autoUpdate ? null : 'setting';
  }

  private applyOffState(): void {
    const reason = this.offReason();
    if (reason) this.set({ state: 'off', offReason: reason, message: OFF_MESSAGES[reason], availableVersion: null });
    else if (this.status.state === 'off') this.set({ state: 'idle', offReason: null, message: 'Automatic updates are on. Twofold checks at start and once a day.' });
  }

  private onSettingsChanged(): void {
    const wasOff = this.status.state === 'off';
    this.applyOffState();
    if (this.offReason()) {
      this.timer?.cancel();
      this.timer = null;
    } else if (wasOff) {
      this.schedule(0);
    }
  }

  private schedule(delayMs: number): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.disposed || this.offReason()) return;
    this.timer = this.options.clock.setTimer(delayMs, () => {
      this.timer = null;
      void this.check().finally(() => {
        if (!this.timer) this.schedule(this.options.intervalMs ?? DAY_MS);
      });
    });
  }

  private async runCheck(): Promise<void> {
    this.set({ state: 'checking', message: 'Checking for updates…' });
    let info: UpdateInfo;
    try {
      const raw = await this.options.engine.fetchFeed();
      if (this.offReason()) return this.applyOffState();
      const problem = describeFeedProblem(raw);
      if (problem) return this.fail(`The update server answered something that is not a valid update description (${problem}). Nothing was downloaded; Twofold will try again later.`);
      info = UpdateInfoSchema.parse(raw);
    } catch (error) {
      return this.fail(feedErrorMessage(error));
    }
    const checkedAt = new Date(this.options.clock.now()).toISOString();

    const offered = parseReleaseVersion(info.version);
    if (!offered) {
      return this.fail(`The update server named version "${printable(info.version)}", which is not a Twofold release version. Nothing was downloaded.`, checkedAt);
    }
    if (!this.current || compareReleaseVersions(offered, this.current) <= 0) {
      const older = this.current && compareReleaseVersions(offered, this.current) < 0;
      return this.set({
        state: 'up-to-date',
        availableVersion: null,
        lastCheckedAt: checkedAt,
        message: older
          ? `Twofold ${this.options.currentVersion} is newer than the published ${info.version}; Twofold never installs an older version.`
          : `Twofold ${this.options.currentVersion} is up to date.`,
      });
    }

    this.set({ state: 'downloading', availableVersion: info.version, lastCheckedAt: checkedAt, message: `Downloading Twofold ${info.version} in the background…` });
    let downloaded;
    try {
      downloaded = await this.options.engine.download(info);
    } catch (error) {
      return this.fail(downloadErrorMessage(error, info.version), checkedAt);
    }
    const published = info.files.find((f) => f.url === downloaded.entry.url && f.sha512 === downloaded.entry.sha512);
    const actual = published ? await (this.options.digest ?? sha512Base64)(downloaded.file).catch(() => null) : null;
    if (!published || actual !== published.sha512) {
      await this.options.engine.discard(downloaded.file);
      return this.fail(`The download of Twofold ${info.version} did not match the SHA-512 checksum the release published, so it was deleted and not installed. Twofold will try again later.`, checkedAt);
    }
    if (this.offReason()) {
      await this.options.engine.discard(downloaded.file);
      return this.applyOffState();
    }

    this.options.engine.installOnQuit();
    this.set({ state: 'ready', message: `Twofold ${info.version} is downloaded and verified. It is installed when you restart Twofold.` });
    if (await this.options.confirmInstall(info.version).catch(() => false)) this.options.engine.install();
  }

  private fail(message: string, lastCheckedAt?: string): void {
    this.set({ state: 'failed', availableVersion: null, message, ...(lastCheckedAt ? { lastCheckedAt } : {}) });
  }

  private set(patch: Partial<UpdateStatus>): void {
    this.status = { ...this.status, ...patch };
    if (this.status.state !== 'off') this.status.offReason = null;
    for (const listener of this.listeners) listener(this.status);
  }
}

/** Feed text is shown in the dialog: printable ASCII only, short. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}

function feedErrorMessage(error: unknown): string {
  if (error instanceof UpdateEngineError && error.code === 'feed-unreadable') {
    return 'The update server answered something that is not a valid update description. Nothing was downloaded; Twofold will try again later.';
  }
  if (error instanceof UpdateEngineError && error.status !== undefined) {
    return `The update server answered HTTP ${error.status} for the update description. Nothing was downloaded; Twofold will try again later.`;
  }
  return 'Twofold could not reach the update server (offline, or the server did not answer). Nothing was downloaded; Twofold will try again later.';
}

function downloadErrorMessage(error: unknown, version: string): string {
  if (error instanceof UpdateEngineError) {
    switch (error.code) {
      case 'download-incomplete':
        return `The download of Twofold ${version} stopped before it was complete. The partial file was deleted and nothing was installed; Twofold will try again later.`;
      case 'verification-failed':
        return `The download of Twofold ${version} failed verification (${error.message}). It was deleted and not installed.`;
      default:
        break;
    }
  }
  return `Twofold ${version} could not be downloaded. Nothing was installed; Twofold will try again later.`;
}
