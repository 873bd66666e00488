import '../ui/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/theme.css';
import { installAnnouncer } from '../ui/announce';
import { installFocusKeeper } from '../ui/focus-keeper';
import '../codes/codes.css';
import './admin.css';
import { App } from './App';
import { AdminStoreContext } from './context';
import { createAdminStore } from './store/admin-store';

const store = createAdminStore(window.twofold);
installFocusKeeper();
installAnnouncer();
const root = document.getElementById('root');
if (!root) throw new Error('The admin window page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <AdminStoreContext.Provider value={store}>
      <App />
    </AdminStoreContext.Provider>
  </StrictMode>,
);
void store.getState().actions.init();
