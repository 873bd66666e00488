import { useEffect, useId, useRef, useState } from 'react';
import { announce } from '../../ui/announce';
import { FieldShell } from '../../ui/Field';
import { LinkAccountDialog } from './LinkAccountDialog';
import type { FollowedCode } from './use-vault-code';

/**
 * The code input of sign-in, policy and disable forms. Under it, one line says where the value
 * comes from and for which server origin, or why nothing was filled in; `statusId` lets the
 * submit button point at that line (aria-describedby) while it waits for the next code.
 */
export function CodeField({
  label,
  value,
  follow,
  error,
  statusId,
  autoFocus,
  testId = 'code-source',
}: {
  label: string;
  value: string;
  follow: FollowedCode;
  error?: string | null;
  statusId?: string;
  autoFocus?: boolean;
  testId?: string;
}) {
  const ownId = useId();
  const id = statusId ?? ownId;
  const [linking, setLinking] = useState(false);
  const { vault } = follow;
  const waiting = Boolean(vault?.state === 'linked' && vault.used && !follow.typed);
  const accountLabel = vault?.state === 'linked' ? vault.accountLabel : null;
  const secondsLeft = vault?.state === 'linked' ? vault.secondsLeft : 0;
  const wasWaiting = useRef(false);

  // The line below counts down every second; a screen reader hears only where the wait starts
  // and where it ends (WCAG 2.1 SC 4.1.3, without a message a second).
  useEffect(() => {
    const was = wasWaiting.current;
    wasWaiting.current = waiting;
    const name = accountLabel ?? 'your vault account';
    if (waiting && !was) announce(`The server already took the current code of ${name}. The next one is filled in in ${secondsLeft} seconds.`);
    else if (!waiting && was && accountLabel) announce(`The next code of ${name} is filled in.`);
  }, [waiting, accountLabel, secondsLeft]);

  let status: React.ReactNode = null;
  if (follow.typed) {
    status = (
      <>
        You typed this code.{' '}
        {vault?.state === 'linked' && (
          <button type="button" className="btn btn-link btn-inline" onClick={follow.follow}>
            Use the code from your vault
          </button>
        )}
      </>
    );
  } else if (vault?.state === 'linked' && vault.used) {
    status = (
      <span data-testid={`${testId}-wait`}>
        The server already took the current code of {vault.accountLabel} (each code works once). The next one is filled in in {vault.secondsLeft} s.
      </span>
    );
  } else if (vault?.state === 'linked') {
    status = (
      <span data-testid={testId}>
        From your vault: {vault.accountLabel}, for {vault.origin}. Next code in {vault.secondsLeft} s.
      </span>
    );
  } else if (vault) {
    status = (
      <span data-testid={`${testId}-none`}>
        {vault.message}{' '}
        <button type="button" className="btn btn-link btn-inline" onClick={() => setLinking(true)}>
          {vault.state === 'changed' ? 'Link again…' : 'Link a vault account…'}
        </button>
      </span>
    );
  }

  return (
    <>
      <FieldShell label={label} error={error}>
        {({ inputId, describedBy, invalid }) => (
          <input
            id={inputId}
            className="input input-mono"
            value={value}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            autoFocus={autoFocus}
            aria-describedby={[describedBy, id].filter(Boolean).join(' ')}
            aria-invalid={invalid || undefined}
            onChange={(e) => follow.type(e.target.value)}
          />
        )}
      </FieldShell>
      <p id={id} className="field-hint code-status">
        {status}
      </p>
      {linking && (
        // React events bubble through portals: keep the dialog's submit from reaching the form around this field.
        <span onSubmit={(e) => e.stopPropagation()}>
          <LinkAccountDialog
            onClose={(linked) => {
              setLinking(false);
              if (linked) follow.follow();
            }}
          />
        </span>
      )}
    </>
  );
}
