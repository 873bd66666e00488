import { useState } from 'react';
import { GateCard } from '../../ui/GateCard';
import { TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import type { ServerView } from '../../../shared/ipc/admin-channels';
import { useAdmin, useAdminActions } from '../context';
import { RemoveServerDialog } from '../servers/RemoveServerDialog';
import { RemovedNotice } from '../servers/RemovedNotice';

/** Server profiles: pick one, or add one by address (checked against the server before it is saved). */
export function ServersScreen() {
  const servers = useAdmin((s) => s.servers);
  const banner = useAdmin((s) => s.banner);
  const actions = useAdminActions();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<ServerView | null>(null);

  async function add() {
    setBusy(true);
    setError(null);
    const result = await actions.addServer(url, name);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  }

  return (
    <GateCard title="MFA servers" wide>
      <p className="gate-text">Choose the server to administer, or add one.</p>
      <RemovedNotice />
      {banner && (
        <p className="callout callout-danger" role="alert">
          <Icon name="alert" size={16} /> {banner}
        </p>
      )}
      {servers.length > 0 && (
        <ul className="server-list" aria-label="Servers">
          {servers.map((server) => (
            <li key={server.id} className="server-item">
              <button type="button" className="server-open" onClick={() => void actions.selectServer(server.id)}>
                <span className="server-name">{server.name}</span>
                <span className="server-url">{server.url}</span>
              </button>
              <button type="button" className="icon-btn" aria-label={`Remove ${server.name}`} onClick={() => setRemoving(server)}>
                <Icon name="trash" size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        aria-label="Add a server"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <TextField label="Server address" placeholder="https://mfa.example.com" value={url} error={error} spellCheck={false} autoFocus onChange={(e) => (setUrl(e.target.value), setError(null))} />
        <TextField label="Name" optional value={name} onChange={(e) => setName(e.target.value)} hint="How this server appears in your list." />
        <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={busy}>
          {busy ? 'Checking the server…' : 'Add server'}
        </button>
      </form>
      {removing && <RemoveServerDialog server={removing} onClose={() => setRemoving(null)} />}
    </GateCard>
  );
}
