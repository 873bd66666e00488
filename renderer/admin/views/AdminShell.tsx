import { BrandMark } from '../../ui/BrandMark';
import { Icon } from '../../ui/Icon';
import { Tabs } from '../../ui/Tabs';
import { useAdmin, useAdminActions } from '../context';
import { CLOCK_SKEW_WARNING_SECONDS, type AdminView } from '../store/admin-store';
import { AuditView } from './AuditView';
import { MyMfaView } from './MyMfaView';
import { PolicyView } from './PolicyView';
import { UsersView } from './UsersView';

const TABS: ReadonlyArray<{ id: AdminView; label: string }> = [
  { id: 'policy', label: 'Policy' },
  { id: 'users', label: 'Users' },
  { id: 'my-mfa', label: 'My MFA' },
  { id: 'audit', label: 'Audit log' },
];

/** Toolbar (server, user, sign out), health line, tabs and the current view. */
export function AdminShell() {
  const actions = useAdminActions();
  const view = useAdmin((s) => s.view);
  const user = useAdmin((s) => s.user);
  const server = useAdmin((s) => s.servers.find((p) => p.id === s.serverId));
  const health = useAdmin((s) => s.health);
  const banner = useAdmin((s) => s.banner);
  const sessionEnded = useAdmin((s) => s.sessionEnded);
  const canViewUsers = user?.permissions.includes('users:view') ?? false;
  const tabs = TABS.filter((t) => canViewUsers || (t.id !== 'users' && t.id !== 'audit'));
  const skew = health ? Math.round(health.skewSeconds) : 0;

  return (
    <div className="vault admin">
      <header className="toolbar">
        <div className="toolbar-brand">
          <BrandMark size={24} />
          <span className="toolbar-title">{server?.name ?? 'MFA server'}</span>
          {health && <span className="admin-version">server {health.version}</span>}
        </div>
        <div className="toolbar-actions">
          <span className="admin-user">
            {user?.username}
            {user?.isServerAdmin ? ' · Server Admin' : ''}
          </span>
          <button type="button" className="btn btn-ghost" onClick={() => void actions.selectServer(null)}>
            Servers
          </button>
          {sessionEnded ? (
            <button type="button" className="btn btn-primary" onClick={() => actions.reopenSignIn()}>
              Sign in
            </button>
          ) : (
            <button type="button" className="btn btn-ghost" onClick={() => void actions.signOut()}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <Tabs
        label="Administration"
        tabs={tabs}
        selected={view}
        onSelect={(id) => void actions.show(id)}
        className="admin-tabs"
        tabClassName="admin-tab"
        panelClassName="admin-content"
        panelAs="main"
      >
        {banner && (
          <div className="callout callout-danger admin-banner" role="alert">
            <Icon name="alert" size={16} />
            <span>{banner}</span>
            <button type="button" className="btn btn-link" onClick={() => void actions.show(view)}>
              Retry
            </button>
          </div>
        )}
        {Math.abs(skew) > CLOCK_SKEW_WARNING_SECONDS && (
          <div className="callout callout-warning admin-banner" role="alert">
            <Icon name="alert" size={16} />
            <span>
              The server's clock is {Math.abs(skew)} s {skew > 0 ? 'ahead of' : 'behind'} this computer's. Authenticator codes depend on both clocks: codes may be refused.
              Correct the clock that is wrong.
            </span>
          </div>
        )}
        {sessionEnded && (
          <div className="callout callout-warning admin-banner" role="status" data-testid="read-only">
            <Icon name="alert" size={16} />
            <span>Signed out of {server?.name}: what was loaded is shown read-only, and your unsaved changes are kept. Sign in to continue.</span>
            <button type="button" className="btn btn-link" onClick={() => actions.reopenSignIn()}>
              Sign in
            </button>
          </div>
        )}
        <fieldset className="admin-views" disabled={sessionEnded}>
          {view === 'policy' && <PolicyView />}
          {view === 'users' && canViewUsers && <UsersView />}
          {view === 'my-mfa' && <MyMfaView />}
          {view === 'audit' && canViewUsers && <AuditView />}
        </fieldset>
      </Tabs>
    </div>
  );
}
