import { useEffect } from 'react';
import { announce } from '../../ui/announce';
import { Icon } from '../../ui/Icon';
import { useCodes, useCodesActions } from '../context';

const TOAST_MS = 3200;
/** A toast with a button (Undo) stays long enough to reach it by keyboard (WCAG 2.2.1). */
const ACTION_TOAST_MS = 10_000;

/**
 * Short confirmations ("Copied — clears in 30 s"); errors stay until dismissed or replaced.
 * Screen readers hear each message through the window's announcer (politely; errors at once),
 * which keeps speaking while a dialog makes the window inert.
 */
export function Toast() {
  const toast = useCodes((s) => s.toast);
  const actions = useCodesActions();

  useEffect(() => {
    if (toast) announce(toast.message, { assertive: toast.tone === 'error' });
  }, [toast]);

  useEffect(() => {
    if (!toast || toast.tone === 'error') return;
    const timer = window.setTimeout(() => actions.dismissToast(toast.id), toast.action ? ACTION_TOAST_MS : TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, actions]);

  return (
    <div className="toast-region">
      {toast && (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <Icon name={toast.tone === 'error' ? 'alert' : 'check'} size={17} />
          <span className="toast-text">{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="btn btn-ghost toast-action"
              onClick={() => {
                actions.dismissToast(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          {toast.tone === 'error' && (
            <button type="button" className="icon-btn toast-close" aria-label="Dismiss" onClick={() => actions.dismissToast(toast.id)}>
              <Icon name="close" size={15} />
            </button>
          )}
        </div>
      )}
    </div>
  );
}
