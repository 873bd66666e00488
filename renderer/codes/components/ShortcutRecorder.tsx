import { useId, useState, type KeyboardEvent } from 'react';
import { useCodes, useCodesActions, useDesktopApi } from '../context';

/** Modifier keys alone do not finish a recording. */
const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'OS']);

const NAMED: Record<string, string> = {
  ' ': 'Space', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Escape: 'Escape',
  Enter: 'Return', Backspace: 'Backspace', Delete: 'Delete', Insert: 'Insert', Home: 'Home', End: 'End',
  PageUp: 'PageUp', PageDown: 'PageDown', Tab: 'Tab', '+': 'Plus',
};

/**
 * The key combination of a keydown as an Electron accelerator ("CommandOrControl+Shift+2"), or
 * null while only modifiers are held. Uses `code` for letters and digits so the layout and
 * Shift do not change the key ("Shift+2", not "Shift+@").
 *
 * @see https://www.electronjs.org/docs/latest/api/accelerator
 */
export function acceleratorOf(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string | null {
  if (MODIFIER_KEYS.has(event.key)) return null;
  let key: string | undefined;
  if (/^Key[A-Z]$/.test(event.code)) key = event.code.slice(3);
  else if (/^Digit[0-9]$/.test(event.code)) key = event.code.slice(5);
  else if (/^F([1-9]|1[0-9]|2[0-4])$/.test(event.key)) key = event.key;
  else key = NAMED[event.key] ?? (event.key.length === 1 ? event.key.toUpperCase() : undefined);
  if (!key) return null;
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('CommandOrControl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  return [...parts, key].join('+');
}

/** Shows the global shortcut and records a new one: focus "Record", press the combination. */
export function ShortcutRecorder() {
  const api = useDesktopApi();
  const actions = useCodesActions();
  const current = useCodes((s) => s.settings?.globalShortcut ?? null);
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const labelId = useId();
  const problemId = useId();

  async function apply(accelerator: string | null) {
    const result = await api.desktop.setGlobalShortcut(accelerator);
    if (!result.ok) return setProblem(result.error.message);
    setProblem(result.value.problem?.message ?? null);
    if (!result.value.problem) actions.showToast(accelerator ? `Global shortcut set to ${accelerator}` : 'Global shortcut removed', 'success');
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (!recording) return;
    if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      event.stopPropagation();
      setRecording(false);
      return;
    }
    if (event.key === 'Tab') return;
    event.preventDefault();
    event.stopPropagation();
    const accelerator = acceleratorOf(event);
    if (!accelerator) return;
    setRecording(false);
    void apply(accelerator);
  }

  return (
    <div className="field">
      <span id={labelId} className="field-label">
        Global shortcut
      </span>
      <div className="shortcut-row">
        <kbd className="shortcut-current" aria-labelledby={labelId}>
          {current ?? 'None'}
        </kbd>
        <button
          type="button"
          className={recording ? 'btn btn-primary' : 'btn'}
          aria-describedby={problem ? problemId : undefined}
          onClick={() => {
            setProblem(null);
            setRecording((r) => !r);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
        >
          {recording ? 'Press the keys… (Esc cancels)' : 'Record…'}
        </button>
        {current && !recording && (
          <button type="button" className="btn btn-ghost" onClick={() => apply(null)}>
            Remove
          </button>
        )}
      </div>
      <p className="field-hint">Brings Twofold to the front from any app. Use Ctrl, Alt or Super with a key.</p>
      {problem && (
        <p id={problemId} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
