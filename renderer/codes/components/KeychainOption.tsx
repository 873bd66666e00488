import { Icon } from '../../ui/Icon';
import { CheckField } from '../../ui/Field';
import type { KeychainAvailabilityView } from '../../../shared/ipc/vault-channels';

export interface KeychainChoice {
  enabled: boolean;
  acceptInsecure: boolean;
}

/**
 * The OS-keychain unlock option. Where the "keychain" is Linux's basic_text backend, the key
 * would be stored in a form any program running as the user can read: say so plainly and ask
 * for an explicit "I understand" (DESIGN.md: refuse that slot unless the user opts in knowingly).
 */
export function KeychainOption({ availability, value, onChange, label = 'Also unlock with the system keychain' }: {
  availability: KeychainAvailabilityView | null;
  value: KeychainChoice;
  onChange: (next: KeychainChoice) => void;
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
        checked={value.enabled}
        disabled={!available}
        onChange={(e) => onChange({ enabled: e.target.checked, acceptInsecure: e.target.checked ? value.acceptInsecure : false })}
      />
      {available && insecure && value.enabled && (
        <div className="callout callout-warning" role="alert">
          <Icon name="alert" />
          <div className="callout-stack">
            <p>
              <strong>This computer has no secure keychain</strong> (backend “{availability?.backend}”). The vault key would be stored
              on disk with no real protection: anyone who can read your files could open the vault without the password.
            </p>
            <CheckField
              label="I understand the risk and want keychain unlock anyway"
              checked={value.acceptInsecure}
              onChange={(e) => onChange({ enabled: true, acceptInsecure: e.target.checked })}
            />
          </div>
        </div>
      )}
    </div>
  );
}

/** True when the choice may be submitted (an insecure keychain needs the explicit opt-in). */
export function keychainChoiceReady(availability: KeychainAvailabilityView | null, choice: KeychainChoice): boolean {
  return !choice.enabled || !availability?.insecure || choice.acceptInsecure;
}
