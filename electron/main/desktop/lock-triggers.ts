/**
 * Locks the vault when the user steps away at the OS level: the screen locks, the machine
 * suspends, or (macOS) the user switches to another account. DESIGN.md: "Auto-lock after idle
 * time, on screen lock and on suspend." Locking when already locked is harmless.
 *
 * @see https://www.electronjs.org/docs/latest/api/power-monitor#events
 */
export const LOCK_EVENTS = ['lock-screen', 'suspend', 'user-did-resign-active'] as const;
export type LockEvent = (typeof LOCK_EVENTS)[number];

export interface PowerMonitorLike {
  on(event: LockEvent, listener: () => void): unknown;
  removeListener(event: LockEvent, listener: () => void): unknown;
}

/** Starts listening; returns the function that stops. `onLocked` is told which event did it. */
export function lockOnSystemEvents(
  powerMonitor: PowerMonitorLike,
  lock: () => void,
  onLocked?: (event: LockEvent) => void,
): () => void {
  const listeners = LOCK_EVENTS.map((event) => {
    const listener = (): void => {
      lock();
      onLocked?.(event);
    };
    powerMonitor.on(event, listener);
    return [event, listener] as const;
  });
  return () => {
    for (const [event, listener] of listeners) powerMonitor.removeListener(event, listener);
  };
}
