/**
 * The user's global shortcut that brings the codes window to the front from any app.
 *
 * An accelerator is checked against Electron's grammar before it is registered, so a typo gets
 * a message instead of a silent no-op, and it must include a modifier other than Shift: a bare
 * key (or Shift+key) would be swallowed system-wide and break typing in every other app.
 * If the OS or another app already owns the combination, registration fails: the previous
 * shortcut stays active and the user is told to pick another one.
 *
 * @see https://www.electronjs.org/docs/latest/api/accelerator
 * @see https://www.electronjs.org/docs/latest/api/global-shortcut
 */
const MODIFIERS = new Set([
  'command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta',
]);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'volumeup', 'volumedown',
  'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause', 'printscreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);

export type ShortcutProblem = { code: 'invalid-accelerator' | 'shortcut-taken'; message: string };

/** Null when `accelerator` is a usable global shortcut, else what is wrong with it. */
export function acceleratorProblem(accelerator: string): ShortcutProblem | null {
  const invalid = (why: string): ShortcutProblem => ({
    code: 'invalid-accelerator',
    message: `"${accelerator}" is not a usable shortcut: ${why}. Example: CommandOrControl+Shift+2.`,
  });
  if (accelerator.trim() !== accelerator || accelerator === '') return invalid('it is empty or has spaces around it');
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  if (key === '') return invalid('it ends with "+" (write Plus for the + key)');
  const modifiers = parts.map((p) => p.toLowerCase());
  const unknown = modifiers.find((m) => !MODIFIERS.has(m));
  if (unknown !== undefined) return invalid(`"${unknown}" is not a modifier (use Ctrl, Alt, Shift, Super or CommandOrControl)`);
  if (new Set(modifiers).size !== modifiers.length) return invalid('a modifier is repeated');
  if (!isKey(key)) return invalid(`"${key}" is not a key name`);
  if (modifiers.filter((m) => m !== 'shift').length === 0) {
    return invalid('it needs Ctrl, Alt, Super or CommandOrControl, or it would take that key from every other app');
  }
  return null;
}

function isKey(key: string): boolean {
  const k = key.toLowerCase();
  if (/^[a-z0-9]$/.test(k)) return true;
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(k)) return true;
  if (NAMED_KEYS.has(k)) return true;
  return key.length === 1 && ")!@#$%^&*(:;<=>?_-[]{}\\|'\"`~,./".includes(key);
}

export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export type ShortcutResult = { ok: true; active: string | null } | { ok: false; error: ShortcutProblem; active: string | null };

/** Keeps at most one global shortcut registered, and changes it safely. */
export class GlobalShortcutBinding {
  private current: string | null = null;

  constructor(
    private readonly registry: ShortcutRegistry,
    private readonly onPress: () => void,
  ) {}

  get active(): string | null {
    return this.current;
  }

  /** Binds `accelerator` (null removes the shortcut). On failure the previous one stays bound. */
  apply(accelerator: string | null): ShortcutResult {
    if (accelerator === this.current) return { ok: true, active: this.current };
    if (accelerator === null) {
      this.release();
      return { ok: true, active: null };
    }
    const problem = acceleratorProblem(accelerator);
    if (problem) return { ok: false, error: problem, active: this.current };
    const previous = this.current;
    this.release();
    let registered: boolean;
    try {
      registered = this.registry.register(accelerator, this.onPress);
    } catch {
      registered = false;
    }
    if (registered) {
      this.current = accelerator;
      return { ok: true, active: accelerator };
    }
    if (previous !== null && this.registry.register(previous, this.onPress)) this.current = previous;
    return {
      ok: false,
      error: {
        code: 'shortcut-taken',
        message: `${accelerator} is already used by the system or another app. Choose another combination.`,
      },
      active: this.current,
    };
  }

  release(): void {
    if (this.current !== null) this.registry.unregister(this.current);
    this.current = null;
  }
}
