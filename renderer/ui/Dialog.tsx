import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { canTakeFocus, FOCUSABLE, placeOf, recentPlaceOutside, screenStart, setReturnPlace, successorOf, type FocusPlace } from './focus-keeper';
import { Icon } from './Icon';

export interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** 'alertdialog' for confirmations (delete). */
  role?: 'dialog' | 'alertdialog';
  /** CSS selector of the element to focus first; default the first field or button in the body. */
  initialFocus?: string;
  /** Wraps body and footer in a <form> whose submit runs this. */
  onSubmit?: () => void;
  wide?: boolean;
  /**
   * Whether closing would lose something the user entered. Default: true once anything was typed
   * into a text field of the dialog. A click outside a dirty dialog asks before discarding;
   * Escape, × and Cancel are deliberate and close at once.
   */
  dirty?: boolean;
}

/**
 * The opener handed from a dialog that closed to one that opens in the same commit (Edit →
 * "Delete…"): the new dialog returns focus where the first one would have.
 */
let handoff: { opener: HTMLElement | null; place: FocusPlace | null } | null = null;

/** Open dialogs, innermost last: Escape goes to the innermost only. */
const openDialogs: Array<{ onEscape: () => void }> = [];
let escapeListening = false;

function listenForEscape(): void {
  if (escapeListening) return;
  escapeListening = true;
  document.addEventListener('keydown', (event) => {
    // A control that handles Escape itself (a search field clearing its text) prevents default.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const top = openDialogs.at(-1);
    if (!top) return;
    event.preventDefault();
    top.onEscape();
  });
}

const TEXT_INPUT = 'textarea, input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]):not([type="file"])';

/**
 * A modal dialog (WAI-ARIA Authoring Practices, "Dialog (Modal)"): role dialog with aria-modal,
 * labelled by its title, focus moved in on open, Tab and Shift+Tab kept inside, Escape and the
 * close button close it, and focus returns to whatever opened it, or to that control's successor
 * when it is gone (a deleted row: the next row). The rest of the window is made inert while it
 * is open.
 *
 * Escape is heard on the document, not on the panel: it still closes the dialog after the
 * focused control disappeared (the focus keeper puts focus back, but a screen reader's virtual
 * cursor or a click on the dialog's text can leave it on <body>).
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/
 */
export function Dialog({ title, description, onClose, children, footer, role = 'dialog', initialFocus, onSubmit, wide, dirty }: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  const [typed, setTyped] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const isDirty = dirty ?? typed;
  const askDiscardRef = useRef(askDiscard);
  useEffect(() => {
    onCloseRef.current = onClose;
    askDiscardRef.current = askDiscard;
  });

  // Layout effect: the window is made inert and focus moved in the same commit that shows the
  // dialog, and restored in the commit that removes it (before any focus check runs).
  useLayoutEffect(() => {
    const node = panel.current;
    const focused = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    // A field of the dialog may have focused itself (autoFocus runs first): then the opener is
    // the last place focus had outside the dialog.
    const inside = focused && node?.contains(focused) ? (recentPlaceOutside(node) ?? null) : null;
    const active = focused && !node?.contains(focused) ? focused : (inside?.element ?? null);
    const opener = active ?? handoff?.opener ?? null;
    const openerPlace = inside ?? (active ? placeOf(active) : (handoff?.place ?? null));
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    if (node && openerPlace) setReturnPlace(node, openerPlace);
    const first =
      (initialFocus ? node?.querySelector<HTMLElement>(initialFocus) : null) ??
      node?.querySelector<HTMLElement>('.dialog-body input, .dialog-body select, .dialog-body textarea') ??
      node?.querySelector<HTMLElement>('.dialog-footer button, .dialog-body button') ??
      node;
    first?.focus();
    const entry = { onEscape: () => (askDiscardRef.current ? setAskDiscard(false) : onCloseRef.current()) };
    openDialogs.push(entry);
    listenForEscape();
    return () => {
      openDialogs.splice(openDialogs.indexOf(entry), 1);
      if (openDialogs.length === 0) root?.removeAttribute('inert');
      handoff = { opener, place: openerPlace };
      queueMicrotask(() => (handoff = null));
      // After the whole commit (the opener's row may be removed in it too): back to the opener,
      // else to its successor; unless focus already went somewhere on purpose.
      queueMicrotask(() => {
        const active = document.activeElement;
        if (active && active !== document.body && active.isConnected && !node?.contains(active)) return;
        const target = canTakeFocus(opener) ? opener : openerPlace ? successorOf(openerPlace) : null;
        target?.focus();
        if (!document.activeElement || document.activeElement === document.body) screenStart()?.focus();
      });
    };
  }, [initialFocus]);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Tab' || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => canTakeFocus(el) || el === document.activeElement);
    const firstItem = items[0];
    const lastItem = items[items.length - 1];
    if (!firstItem || !lastItem) return;
    if (event.shiftKey && (document.activeElement === firstItem || document.activeElement === panel.current)) {
      event.preventDefault();
      lastItem.focus();
    } else if (!event.shiftKey && document.activeElement === lastItem) {
      event.preventDefault();
      firstItem.focus();
    }
  }

  const content = (
    <>
      <div className="dialog-body" inert={askDiscard}>
        {children}
      </div>
      {footer && (
        <div className="dialog-footer" inert={askDiscard}>
          {footer}
        </div>
      )}
    </>
  );

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target !== event.currentTarget) return;
        // No default action: the press would otherwise take focus to <body>.
        event.preventDefault();
        if (isDirty) setAskDiscard(true);
        else onCloseRef.current();
      }}
    >
      <div
        ref={panel}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onInput={(event) => {
          if (!typed && event.target instanceof Element && event.target.matches(TEXT_INPUT)) setTyped(true);
        }}
      >
        <div className="dialog-header" inert={askDiscard}>
          <div>
            <h2 id={titleId} className="dialog-title">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="dialog-description">
                {description}
              </p>
            )}
          </div>
          <button type="button" className="icon-btn" aria-label="Close" onClick={() => onCloseRef.current()}>
            <Icon name="close" />
          </button>
        </div>
        {onSubmit ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              onSubmit();
            }}
            className="dialog-form"
          >
            {content}
          </form>
        ) : (
          content
        )}
        {askDiscard && <DiscardPrompt onKeep={() => setAskDiscard(false)} onDiscard={() => onCloseRef.current()} />}
      </div>
    </div>,
    document.body,
  );
}

/**
 * Asked after a click outside a dialog holding unsaved input: the click may have been meant for
 * the window behind it. Keep editing is the default (focused, and what Escape does).
 */
function DiscardPrompt({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const textId = useId();
  const keep = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    keep.current?.focus();
    return () => {
      queueMicrotask(() => {
        if (canTakeFocus(before)) before.focus();
      });
    };
  }, []);
  return (
    <div className="dialog-discard" role="alertdialog" aria-modal="true" aria-labelledby={textId}>
      <p id={textId} className="dialog-discard-text">
        Discard what you entered in this dialog?
      </p>
      <div className="dialog-discard-actions">
        <button ref={keep} type="button" className="btn" onClick={onKeep}>
          Keep editing
        </button>
        <button type="button" className="btn btn-danger" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </div>
  );
}

/** The Cancel / submit pair at the end of a form dialog's footer. */
export function FormDialogActions({ onCancel, submitLabel, busy }: { onCancel: () => void; submitLabel: string; busy: boolean }) {
  return (
    <>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {submitLabel}
      </button>
    </>
  );
}
