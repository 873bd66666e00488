import { useCallback, useId } from 'react';
import { SecretField, TextField } from '../../ui/Field';
import { CodeField } from '../code/CodeField';
import { useVaultCode } from '../code/use-vault-code';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';

/**
 * Sign-in: password, then the TOTP step. The code field follows the vault account linked to this
 * server (main decides; see CodeField), names the origin it is for, and stays editable.
 */
export function SignInForm({ embedded = false }: { embedded?: boolean }) {
  const actions = useAdminActions();
  const form = useAdmin((s) => s.signIn);
  const server = useAdmin((s) => s.servers.find((p) => p.id === s.serverId));
  const banner = useAdmin((s) => s.banner);
  const setCode = useCallback((code: string) => actions.setSignInField('code', code), [actions]);
  const follow = useVaultCode(form.phase === 'totp', form.code, setCode);
  const statusId = useId();

  const title =
    form.phase === 'password' ? `Sign in to ${server?.name ?? 'the server'}` : form.phase === 'totp' ? 'Authenticator code' : form.phase === 'recovery' ? 'Recovery code' : 'Set up two-step sign-in';
  const fromVault = form.vaultRecoveryCodes;
  return (
    <form
      noValidate
      className="signin"
      aria-label="Sign in"
      onSubmit={(event) => {
        event.preventDefault();
        if (form.phase === 'password') void actions.submitPassword();
        else if (form.phase === 'totp') void actions.submitCode();
        else if (form.phase === 'recovery') void actions.submitRecoveryCode(false);
        else void actions.enrollAtSignIn();
      }}
    >
      {!embedded && <h1 className="gate-title">{title}</h1>}
      {!embedded && <p className="gate-text">{server?.url}</p>}
      {banner && (
        <p className="callout callout-danger" role="alert">
          <Icon name="alert" size={16} /> {banner}
        </p>
      )}
      {form.phase === 'password' && (
        <>
          <TextField label="Username" value={form.username} autoComplete="username" autoFocus={!form.username} spellCheck={false} onChange={(e) => actions.setSignInField('username', e.target.value)} />
          <SecretField label="Password" value={form.password} autoFocus={Boolean(form.username)} error={form.error} onChange={(e) => actions.setSignInField('password', e.target.value)} />
          <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={form.busy}>
            {form.busy ? 'Signing in…' : 'Continue'}
          </button>
        </>
      )}
      {form.phase === 'totp' && (
        <>
          <CodeField label="Authenticator code" value={form.code} follow={follow} error={form.error} statusId={statusId} autoFocus />
          <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={form.busy || follow.waiting} aria-describedby={follow.waiting ? statusId : undefined}>
            {form.busy ? 'Checking…' : 'Sign in'}
          </button>
          <button type="button" className="btn btn-link" onClick={() => void actions.useRecoveryCode(true)}>
            Use a recovery code
          </button>
          <button type="button" className="btn btn-link" onClick={() => actions.backToPassword()}>
            Use a different account
          </button>
        </>
      )}
      {form.phase === 'recovery' && (
        <>
          {fromVault && (
            <>
              <p className="gate-text" data-testid="vault-recovery-codes">
                &ldquo;{fromVault.accountLabel}&rdquo; in your vault keeps {fromVault.unused} unused recovery code{fromVault.unused === 1 ? '' : 's'} for this
                server. Twofold sends one and marks it used once the server accepts it.
              </p>
              <button type="button" className="btn btn-primary btn-block gate-submit" disabled={form.busy} onClick={() => void actions.submitRecoveryCode(true)}>
                {form.busy ? 'Checking…' : 'Use a recovery code from your vault'}
              </button>
              <p className="gate-text">Or type one:</p>
            </>
          )}
          <TextField
            label="Recovery code"
            value={form.code}
            error={form.error}
            autoComplete="off"
            spellCheck={false}
            autoFocus={!fromVault}
            hint="Each recovery code works once, in place of the 6-digit code."
            onChange={(e) => actions.setSignInField('code', e.target.value)}
          />
          <button type="submit" className={`btn btn-block gate-submit ${fromVault ? '' : 'btn-primary'}`} disabled={form.busy}>
            {form.busy ? 'Checking…' : 'Sign in with this code'}
          </button>
          <button type="button" className="btn btn-link" onClick={() => void actions.useRecoveryCode(false)}>
            Use the authenticator code
          </button>
        </>
      )}
      {form.phase === 'enroll' && (
        <>
          <p className="gate-text">
            {server?.name} requires two-step sign-in and {form.username} has no authenticator yet. Twofold can enroll you in one step: the server creates your
            key, Twofold keeps it in your vault and confirms it with the current code.
          </p>
          {form.error && (
            <p className="field-error" role="alert">
              {form.error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={form.busy}>
            {form.busy ? 'Enrolling…' : 'Enroll with Twofold'}
          </button>
          <button type="button" className="btn btn-link" onClick={() => actions.backToPassword()}>
            Cancel
          </button>
        </>
      )}
      {form.notice && (
        <p className="field-hint" role="status">
          {form.notice}
        </p>
      )}
      {!embedded && (
        <button type="button" className="btn btn-ghost btn-block signin-servers" onClick={() => void actions.selectServer(null)}>
          Other servers
        </button>
      )}
    </form>
  );
}
