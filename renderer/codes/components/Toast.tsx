import { useEffect } from 'react';
import { Icon } from '../../ui/Icon';
import { useCodes, useCodesActions } from '../context';

const TOAST_MS = 3200;

/**
 * Short confirmations ("Copied — clears in 30 s"). The live region is always in the page so
 * screen readers announce each new message; errors stay until dismissed or replaced.
 */
export function Toast() {
  const toast = useCodes((s) => s.toast);
  const actions = useCodesActions();

  useEffect(() => {
    if (!toast || toast.tone === 'error') return;
    const timer = window.setTimeout(() => actions.dismissToast(toast.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, actions]);

  return (
    <div className="toast-region" role="status" aria-live="polite" aria-atomic="true">
      {toast && (
        <div key={toast.id} className={`toast toast-${toast.tone}`}>
          <Icon name={toast.tone === 'error' ? 'alert' : 'check'} size={17} />
          <span className="toast-text">{toast.message}</span>
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
