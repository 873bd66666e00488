import type { Clock, TimerHandle } from '../services/clock';

/**
 * The system clipboard, as text. In Electron 45, `clipboard` (whose text calls are promises, like
 * the W3C async clipboard); in tests, an in-memory fake.
 */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

interface PendingClear {
  text: string;
  timer: TimerHandle | null;
}

/**
 * Copies codes and clears them again. A one-time code left on the clipboard can be pasted (or
 * read by any program) long after it was needed, so it is cleared after a delay, but only if
 * the clipboard still holds that code: whatever the user copied since then is never touched.
 *
 * Key material: codes are short-lived credentials. Never log them.
 */
export class ClipboardGuard {
  private pending: PendingClear | null = null;
  private clearing: Promise<void> = Promise.resolve();

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes `text` and schedules the clear after `clearAfterSeconds` (0 = never). A newer copy
   * replaces the pending clear of an older one.
   */
  async copy(text: string, clearAfterSeconds: number): Promise<void> {
    this.cancelPending();
    await this.clipboard.writeText(text);
    const seconds = Number.isFinite(clearAfterSeconds) ? Math.max(0, Math.floor(clearAfterSeconds)) : 0;
    const entry: PendingClear = { text, timer: null };
    this.pending = entry;
    if (seconds > 0) {
      entry.timer = this.clock.setTimer(seconds * 1000, () => {
        if (this.pending === entry) void this.clearIfStillOurs();
      });
    }
  }

  /**
   * Clears now if the clipboard still holds the last code copied (after the delay, on lock and
   * on quit). Resolves when the clipboard has been checked and, if needed, cleared.
   */
  clearIfStillOurs(): Promise<void> {
    const entry = this.pending;
    this.cancelPending();
    if (!entry) return this.clearing;
    this.clearing = this.clearing.then(async () => {
      try {
        if ((await this.clipboard.readText()) === entry.text) await this.clipboard.writeText('');
      } catch {
        // The clipboard may be unavailable (no display server); there is nothing left to protect.
      }
    });
    return this.clearing;
  }

  /** Resolves once any clear in progress has finished (tests and quit). */
  settled(): Promise<void> {
    return this.clearing;
  }

  /** True while a copied code is waiting to be cleared. */
  get hasPendingClear(): boolean {
    return this.pending?.timer != null;
  }

  private cancelPending(): void {
    this.pending?.timer?.cancel();
    this.pending = null;
  }
}
