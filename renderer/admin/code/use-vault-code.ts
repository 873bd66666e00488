import { useCallback, useEffect, useState } from 'react';
import type { VaultCode } from '../../../shared/ipc/admin-channels';
import { useAdminActions } from '../context';

/** How often a field that follows the vault asks main for the code: the countdown's resolution. */
const POLL_MS = 1000;

export interface FollowedCode {
  /** What main decided for this server (linked, unlinked, changed), or null before the first answer. */
  vault: VaultCode | null;
  /** The user typed into the field: it no longer follows the vault. */
  typed: boolean;
  /** The vault's current code was already taken by this server: Save waits for the next one. */
  waiting: boolean;
  type(value: string): void;
  /** Follows the vault again (after "Use the code from your vault", or a link). */
  follow(): void;
}

/**
 * A code field that follows the linked vault account (issue #15.1): while the user has not
 * typed, the value is the account's current code and changes with each period; a code this
 * server already took is never put back (the field empties and counts down to the next one).
 * Main decides which account, if any (issue #12.3); the window only shows what it is told.
 */
export function useVaultCode(active: boolean, value: string, setValue: (code: string) => void): FollowedCode {
  const actions = useAdminActions();
  const [vault, setVault] = useState<VaultCode | null>(null);
  const [typed, setTyped] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!active) return;
    let live = true;
    const poll = async () => {
      const next = await actions.vaultCode();
      if (live) setVault(next);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
      // Leaving the step (or the form) forgets what was typed: a new step follows the vault again.
      setVault(null);
      setTyped(false);
    };
  }, [active, actions, generation]);

  useEffect(() => {
    if (!active || typed || !vault) return;
    const next = vault.state === 'linked' && vault.code ? vault.code : '';
    if (next !== value) setValue(next);
  }, [active, typed, vault, value, setValue]);

  const type = useCallback(
    (next: string) => {
      setTyped(true);
      setValue(next);
    },
    [setValue],
  );
  const follow = useCallback(() => {
    setTyped(false);
    setGeneration((g) => g + 1);
  }, []);

  return { vault, typed, waiting: active && !typed && vault?.state === 'linked' && vault.used, type, follow };
}
