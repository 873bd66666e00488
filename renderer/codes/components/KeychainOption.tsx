import { Icon } from '../../ui/Icon';
import { CheckField } from '../../ui/Field';
import type { KeychainAvailabilityView } from '../../../shared/ipc/vault-channels';

/**
 * The OS-keychain unlock option. Where the "keychain" is Linux's basic_text backend, the key
 * would be stored in a form any program running as the user can read: say so plainly here. The
 * opt-in itself is a native dialog shown by the main process (issue #12), so a compromised page
 * cannot give it for the user; this text only prepares them for it.
 */
export function KeychainOption({ availability, enabled, onChange, label = 'Also unlock with the system keychain' }: {
  availability: KeychainAvailabilityView | null;
  enabled: boolean;
  onChange: (enabled: boolean) => void;
  label?: string;
}) {
  const available = availability?.available ?? false;
  const insecure = availability?.insecure ?? false;
  return (
    <div className="keychain-option">
      <CheckField
        label={label}
        description={
          available
            ? 'Unlock without typing the password while you are signed in to this computer. The password still works.'
            : 'No system keychain was found on this computer, so this is not available.'
        }
        checked={enabled}
        disabled={!available}
        onChange={(e) => onChange(e.target.checked)}
      />
      {available && insecure && enabled && (
        <div className="callout callout-warning" role="alert">
          <Icon name="alert" />
          <p>
            <strong>This computer has no secure keychain</strong> (backend “{availability?.backend}”). The vault key would be stored on
            disk with no real protection: anyone who can read your files could open the vault without the password. Twofold will ask you
            to confirm this in a system dialog.
          </p>
        </div>
      )}
    </div>
  );
}
