import { GateCard } from '../ui/GateCard';
import { Dialog } from '../ui/Dialog';
import { useAdmin, useAdminActions } from './context';
import { AdminShell } from './views/AdminShell';
import { ServersScreen } from './views/ServersScreen';
import { SignInForm } from './views/SignInForm';
import { UnlockVault } from './views/UnlockVault';

/** The admin window: vault unlock, then server choice and sign-in, then the admin views. */
export function App() {
  const vaultState = useAdmin((s) => s.vaultState);
  const serverId = useAdmin((s) => s.serverId);
  const user = useAdmin((s) => s.user);
  const signInOpen = useAdmin((s) => s.signInOpen);
  const serverName = useAdmin((s) => s.servers.find((p) => p.id === s.serverId)?.name ?? 'the server');
  const actions = useAdminActions();

  if (vaultState === 'unknown') return <main className="gate" aria-busy="true" />;
  if (vaultState !== 'unlocked') return <UnlockVault missing={vaultState === 'missing'} />;
  if (!serverId) return <ServersScreen />;
  if (!user) {
    return (
      <GateCard wide>
        <SignInForm />
      </GateCard>
    );
  }
  return (
    <>
      <AdminShell />
      {signInOpen && (
        // Closing keeps the window read-only (AdminShell), it does not sign out: the unsaved edit
        // stays in the store (policyDraft) and comes back after signing in.
        <Dialog
          title="Sign in again"
          description={`${serverName} no longer accepts this window's sign-in. Sign in again to continue where you were; your unsaved changes are kept.`}
          onClose={() => actions.dismissSignIn()}
        >
          <SignInForm embedded />
        </Dialog>
      )}
    </>
  );
}
