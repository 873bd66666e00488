import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/theme.css';
import './codes.css';
import { App } from './App';
import { CodesStoreContext, DesktopApiContext } from './context';
import { createCodesStore } from './store/codes-store';

const api = window.twofold;
const store = createCodesStore(api);
const root = document.getElementById('root');
if (!root) throw new Error('The codes window page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <DesktopApiContext.Provider value={api}>
      <CodesStoreContext.Provider value={store}>
        <App />
      </CodesStoreContext.Provider>
    </DesktopApiContext.Provider>
  </StrictMode>,
);
