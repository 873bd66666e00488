import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../../ui/Icon';
import { useCodesActions } from '../context';
import { addMenuEntries } from '../extensions';

/**
 * The "Add account" menu button (WAI-ARIA menu button pattern): entries come from
 * `addMenuEntries`; arrow keys move, Enter opens, Escape closes and returns focus.
 */
export function AddMenu() {
  const actions = useCodesActions();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  // Ctrl+N (Cmd+N) opens this menu from anywhere in the window, unless a dialog is open.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'n') return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      event.preventDefault();
      button.current?.focus();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      items[event.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  }

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="btn btn-primary add-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label="Add account"
        aria-keyshortcuts="Control+N"
        title="Add account (Ctrl+N)"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name="plus" size={17} />
        <span>Add</span>
      </button>
      {open && (
        <div ref={menu} id={menuId} className="menu" role="menu" aria-label="Add account" onKeyDown={onMenuKey}>
          {addMenuEntries.map((entry) => (
            <button
              key={entry.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => {
                setOpen(false);
                // The dialog returns focus to whatever had it when it opened: make that the button.
                button.current?.focus();
                actions.openDialog({ kind: 'add', entryId: entry.id });
              }}
            >
              <Icon name={entry.icon} size={17} />
              {entry.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
