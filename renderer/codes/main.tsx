import '../ui/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/theme.css';
import { installAnnouncer } from '../ui/announce';
import { installFocusKeeper } from '../ui/focus-keeper';
import './codes.css';
import { App } from './App';
import { CodesStoreContext, DesktopApiContext } from './context';
import { createCodesStore } from './store/codes-store';

installFocusKeeper();
installAnnouncer();
const root = document.getElementById('root');
if (!root) throw new Error('The codes window page has no #root element.');

// `window.twofold` comes from the preload; a page opened anywhere else has no way to the vault.
const api = (window as Partial<Window>).twofold;
createRoot(root).render(
  <StrictMode>
    {api ? (
      <DesktopApiContext.Provider value={api}>
        <CodesStoreContext.Provider value={createCodesStore(api)}>
          <App />
        </CodesStoreContext.Provider>
      </DesktopApiContext.Provider>
    ) : (
      <main className="gate">
        <div className="gate-card" role="alert">
          <h1 className="gate-title">Open Twofold to see your codes</h1>
          <p className="gate-text">This page only works inside the Twofold app.</p>
        </div>
      </main>
    )}
  </StrictMode>,
);
