import { useId, useState } from 'react';
import { SecretField } from '../../ui/Field';
import { useCodesActions } from '../context';
import { MIN_PASSWORD_LENGTH } from '../store/password-strength';
import { errorsByField } from './form-errors';
import { PasswordStrengthMeter } from './PasswordStrengthMeter';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

/** Change the vault password: the current one, the new one twice. */
export function ChangePasswordForm() {
  const actions = useCodesActions();
  const strengthId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    const local: Partial<Record<Field, string>> = {};
    if (!current) local.currentPassword = 'Enter your current password.';
    if ([...next].length < MIN_PASSWORD_LENGTH) local.newPassword = `The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
    else if (next !== confirm) local.confirm = 'The two new passwords do not match. Type the same password twice.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const result = await actions.changePassword(current, next);
    setBusy(false);
    if (!result.ok) {
      setErrors(errorsByField(result.error, ['currentPassword', 'newPassword', 'confirm'], 'newPassword', { password: 'currentPassword' }));
      return;
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    actions.showToast('Password changed', 'success');
  }

  return (
    <div className="subform" role="group" aria-label="Change password">
      <h4 className="subform-title">Change password</h4>
      <p className="field-hint">
        Twofold re-encrypts the vault under a new key. Copies made before the change (your own backups, older exports) still open with the
        old password.
      </p>
      <SecretField label="Current password" value={current} error={errors.currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <SecretField label="New password" value={next} error={errors.newPassword} aria-describedby={strengthId} onChange={(e) => setNext(e.target.value)} />
      <PasswordStrengthMeter password={next} id={strengthId} />
      <SecretField label="Confirm new password" value={confirm} error={errors.confirm} onChange={(e) => setConfirm(e.target.value)} />
      <div className="subform-actions">
        <button type="button" className="btn" disabled={busy} onClick={submit}>
          Change password
        </button>
      </div>
    </div>
  );
}
