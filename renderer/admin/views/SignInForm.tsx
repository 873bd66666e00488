import { SecretField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useAdmin, useAdminActions } from '../context';

/**
 * Sign-in: password, then the TOTP step. When exactly one vault account is this user on this
 * server, its current code is filled in and the form says which account it came from; the
 * field stays editable.
 */
export function SignInForm({ embedded = false }: { embedded?: boolean }) {
  const actions = useAdminActions();
  const form = useAdmin((s) => s.signIn);
  const server = useAdmin((s) => s.servers.find((p) => p.id === s.serverId));
  const banner = useAdmin((s) => s.banner);

  const title = form.phase === 'password' ? `Sign in to ${server?.name ?? 'the server'}` : form.phase === 'totp' ? 'Authenticator code' : 'Set up two-step sign-in';
  return (
    <form
      noValidate
      className="signin"
      aria-label="Sign in"
      onSubmit={(event) => {
        event.preventDefault();
        if (form.phase === 'password') void actions.submitPassword();
        else if (form.phase === 'totp') void actions.submitCode();
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
          <TextField
            label="Authenticator code"
            value={form.code}
            mono
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            autoFocus
            error={form.error}
            hint={
              form.suggestion ? (
                <span data-testid="code-source">
                  Filled in from your vault: {form.suggestion.accountLabel}. You can change it.
                </span>
              ) : (
                `Enter the 6-digit code for ${form.username} from your authenticator.`
              )
            }
            onChange={(e) => actions.setSignInField('code', e.target.value)}
          />
          <button type="submit" className="btn btn-primary btn-block gate-submit" disabled={form.busy}>
            {form.busy ? 'Checking…' : 'Sign in'}
          </button>
          <button type="button" className="btn btn-link" onClick={() => actions.backToPassword()}>
            Use a different account
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
