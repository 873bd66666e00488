import { Dialog } from '../../ui/Dialog';

/** Every keyboard shortcut of the codes window (opened with "?"). */
export const KEYBOARD_SHORTCUTS: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['Ctrl+N', 'Add an account'],
  ['Ctrl+F', 'Search'],
  ['↑ / ↓, Home / End', 'Move between accounts'],
  ['Enter', 'Copy the code (with hidden codes: show it)'],
  ['F2', 'Edit the focused account'],
  ['Delete', 'Move the focused account to the trash (Undo in the message)'],
  ['Alt+↑ / Alt+↓', 'Move the account up or down (manual order)'],
  ['Ctrl+L', 'Lock'],
  ['?', 'Show these shortcuts'],
  ['Esc', 'Close a dialog, clear the search'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <dl className="shortcut-list">
        {KEYBOARD_SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="shortcut-item">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
