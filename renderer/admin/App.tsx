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
  const sessionEnded = useAdmin((s) => s.sessionEnded);
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
      {sessionEnded && (
        <Dialog title="Sign in again" description="Your sign-in ended. What you typed in this window is kept." onClose={() => void actions.signOut()}>
          <SignInForm embedded />
        </Dialog>
      )}
    </>
  );
}
