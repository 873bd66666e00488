import { useEffect } from 'react';
import { Toast } from './components/Toast';
import { useCodes, useCodesActions } from './context';
import { LinkReviewHost } from './scan/LinkReviewHost';
import { FirstRunScreen } from './screens/FirstRunScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { VaultScreen } from './screens/VaultScreen';
import { screenOf } from './store/codes-store';

/** The codes window: picks the screen from the vault state and wires window-wide behaviour. */
export function App() {
  const actions = useCodesActions();
  const screen = useCodes((s) => screenOf(s.status));
  const fatal = useCodes((s) => s.fatal);
  const theme = useCodes((s) => s.settings?.theme ?? 'system');
  const blurWhenUnfocused = useCodes((s) => s.settings?.blurWhenUnfocused ?? false);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void actions.start().then((off) => {
      if (cancelled) off();
      else stop = off;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [actions]);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  // "Blur codes while in the background": a class on <html> while the window has no focus.
  useEffect(() => {
    const root = document.documentElement;
    const set = (blurred: boolean) => root.classList.toggle('is-window-blurred', blurWhenUnfocused && blurred);
    const onBlur = () => set(true);
    const onFocus = () => set(false);
    set(!document.hasFocus());
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    return () => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
      root.classList.remove('is-window-blurred');
    };
  }, [blurWhenUnfocused]);

  useEffect(() => {
    const activity = () => actions.touch();
    const shortcuts = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        const search = document.querySelector<HTMLInputElement>('input[type="search"]');
        if (search) {
          event.preventDefault();
          search.focus();
          search.select();
        }
      }
    };
    window.addEventListener('keydown', activity, true);
    window.addEventListener('pointerdown', activity, true);
    window.addEventListener('keydown', shortcuts);
    return () => {
      window.removeEventListener('keydown', activity, true);
      window.removeEventListener('pointerdown', activity, true);
      window.removeEventListener('keydown', shortcuts);
    };
  }, [actions]);

  return (
    <>
      {fatal ? (
        <main className="gate">
          <div className="gate-card" role="alert">
            <h1 className="gate-title">Twofold could not start</h1>
            <p className="gate-text">{fatal}</p>
          </div>
        </main>
      ) : screen === 'loading' ? (
        <main className="gate" aria-busy="true" />
      ) : screen === 'first-run' ? (
        <FirstRunScreen />
      ) : screen === 'locked' ? (
        <UnlockScreen />
      ) : (
        <VaultScreen />
      )}
      {!fatal && <LinkReviewHost />}
      <Toast />
    </>
  );
}
