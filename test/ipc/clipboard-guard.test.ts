import { describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../electron/main/clipboard/clipboard-guard';
import { ManualClock } from '../../electron/main/services/clock';
import { FakeClipboard } from '../harness/fakes';

function setup() {
  const clock = new ManualClock();
  const clipboard = new FakeClipboard();
  return { clock, clipboard, guard: new ClipboardGuard(clipboard, clock) };
}

describe('ClipboardGuard', () => {
  it('copies the code and clears it after the delay, not before', async () => {
    const { clock, clipboard, guard } = setup();
    await guard.copy('123456', 30);
    expect(clipboard.text).toBe('123456');
    clock.advance(29_999);
    await guard.settled();
    expect(clipboard.text).toBe('123456');
    clock.advance(1);
    await guard.settled();
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { clock, clipboard, guard } = setup();
    await guard.copy('123456', 10);
    await clipboard.writeText('my shopping list');
    clock.advance(10_000);
    await guard.settled();
    expect(clipboard.text).toBe('my shopping list');
  });

  it('never clears with a delay of 0', async () => {
    const { clock, clipboard, guard } = setup();
    await guard.copy('123456', 0);
    clock.advance(24 * 3600_000);
    await guard.settled();
    expect(clipboard.text).toBe('123456');
    expect(guard.hasPendingClear).toBe(false);
  });

  it('a newer copy replaces the pending clear of the older one', async () => {
    const { clock, clipboard, guard } = setup();
    await guard.copy('111111', 10);
    clock.advance(8_000);
    await guard.copy('222222', 10);
    clock.advance(2_000);
    await guard.settled();
    expect(clipboard.text).toBe('222222');
    clock.advance(8_000);
    await guard.settled();
    expect(clipboard.text).toBe('');
  });

  it('clears at once on request (lock, quit) only if the code is still there', async () => {
    const { clipboard, guard } = setup();
    await guard.copy('123456', 30);
    await guard.clearIfStillOurs();
    expect(clipboard.text).toBe('');
    await guard.copy('654321', 30);
    await clipboard.writeText('other');
    await guard.clearIfStillOurs();
    expect(clipboard.text).toBe('other');
    expect(guard.hasPendingClear).toBe(false);
  });
});
