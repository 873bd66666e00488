/**
 * Time as a port. Services take a `Clock` through their constructor so tests can drive
 * auto-lock, code countdowns and timestamps without waiting on the wall clock.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Unix milliseconds. */
  now(): number;
  /**
   * Runs `callback` once after `ms` milliseconds. System timers are unref'd: a pending auto-lock
   * must not keep a CLI process alive.
   */
  setTimer(ms: number, callback: () => void): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback) {
    const handle = setTimeout(callback, Math.max(0, ms));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

/**
 * A clock that only moves when told to (`advance`). Timers whose due time is reached fire in
 * due-time order, each seeing `now()` equal to its own due time. For tests and benchmarks.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: { due: number; seq: number; callback: () => void; cancelled: boolean }[] = [];
  private seq = 0;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer = { due: this.current + Math.max(0, ms), seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = Math.max(this.current, next.due);
      next.callback();
    }
    this.current = target;
  }

  /** Number of timers still waiting (cancelled ones excluded). */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
