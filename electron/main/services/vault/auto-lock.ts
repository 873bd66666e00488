import type { Clock, TimerHandle } from '../clock';

/**
 * Locks after `minutes` without activity. `touch()` is called on every user action, so it only
 * records the time; a single timer fires at the earliest possible deadline and, if there was
 * activity meanwhile, re-arms itself for the remainder instead of locking.
 */
export class AutoLockTimer {
  private lastActivity = 0;
  private timer: TimerHandle | null = null;
  private running = false;

  constructor(
    private readonly clock: Clock,
    private minutes: number,
    private readonly onIdle: () => void,
  ) {}

  get idleMinutes(): number {
    return this.minutes;
  }

  /** Starts watching (on unlock). */
  start(): void {
    this.running = true;
    this.lastActivity = this.clock.now();
    this.arm();
  }

  /** Stops watching (on lock). */
  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
  }

  touch(): void {
    this.lastActivity = this.clock.now();
  }

  /** 0 disables auto-lock. A change applies at once, measured from the last activity. */
  setMinutes(minutes: number): void {
    this.minutes = minutes;
    if (this.running) this.arm();
  }

  private arm(): void {
    this.timer?.cancel();
    this.timer = null;
    if (!this.running || this.minutes <= 0) return;
    const deadline = this.lastActivity + this.minutes * 60_000;
    this.timer = this.clock.setTimer(deadline - this.clock.now(), () => {
      this.timer = null;
      if (!this.running) return;
      if (this.clock.now() >= this.lastActivity + this.minutes * 60_000) this.onIdle();
      else this.arm();
    });
  }
}
