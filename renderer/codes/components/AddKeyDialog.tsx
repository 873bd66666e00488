import { useId, useState } from 'react';
import type { HashAlgorithm, OtpType } from '../../../shared/otp/account';
import { Dialog, FormDialogActions } from '../../ui/Dialog';
import { SecretField, SelectField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useCodesActions } from '../context';
import type { AddDialogProps } from '../extensions';
import { errorsByField } from './form-errors';
import { TagInput } from './TagInput';
import { useTagField } from './use-tag-field';

type Field = 'issuer' | 'name' | 'secret' | 'tags' | 'digits' | 'period' | 'counter' | 'form';
const FIELDS: readonly Field[] = ['issuer', 'name', 'secret', 'tags', 'digits', 'period', 'counter', 'form'];

/**
 * "Enter a setup key": issuer, account, key, and under "Advanced" the parameters most services
 * leave at their defaults (TOTP, SHA-1, 6 digits, 30 s; RFC 6238 §4). The key goes to main,
 * which checks it; errors come back naming the field.
 */
export function AddKeyDialog({ onClose }: AddDialogProps) {
  const actions = useCodesActions();
  const advancedId = useId();
  const [issuer, setIssuer] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const tagField = useTagField([]);
  const [advanced, setAdvanced] = useState(false);
  const [type, setType] = useState<OtpType>('totp');
  const [algorithm, setAlgorithm] = useState<HashAlgorithm>('SHA1');
  const [digits, setDigits] = useState('6');
  const [period, setPeriod] = useState('30');
  const [counter, setCounter] = useState('0');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    const local: Partial<Record<Field, string>> = {};
    if (!issuer.trim() && !name.trim()) local.issuer = 'Enter the issuer (the service, e.g. GitHub) or the account name.';
    if (!secret.trim()) local.secret = 'Enter the setup key the service showed (letters A–Z and digits 2–7).';
    const toSave = tagField.toSave();
    if (!toSave.ok) local.tags = toSave.error;
    if (Object.keys(local).length || !toSave.ok) {
      setErrors(local);
      return;
    }
    setBusy(true);
    const result = await actions.addTyped({
      issuer,
      name,
      secret,
      type,
      algorithm,
      digits: Number(digits),
      period: Number(period),
      counter: Number(counter),
      tags: toSave.tags,
    });
    setBusy(false);
    if (result.ok) {
      actions.showToast(`Added ${result.value.issuer || result.value.name}`, 'success');
      onClose();
      return;
    }
    const next = errorsByField(result.error, FIELDS, 'form', { account: 'form' });
    if (next.digits || next.period || next.counter) setAdvanced(true);
    setErrors(next);
  }

  const clear = (field: Field) => setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));

  return (
    <Dialog
      title="Add account"
      description="Type the setup key the service showed next to its QR code."
      onClose={onClose}
      onSubmit={submit}
      footer={<FormDialogActions onCancel={onClose} submitLabel="Add account" busy={busy} />}
    >
      {errors.form && (
        <div className="callout callout-danger form-callout" role="alert">
          <Icon name="alert" />
          <span>{errors.form}</span>
        </div>
      )}
      <TextField label="Issuer" placeholder="e.g. GitHub" value={issuer} error={errors.issuer} autoComplete="off" onChange={(e) => (setIssuer(e.target.value), clear('issuer'))} />
      <TextField label="Account name" placeholder="e.g. alice@example.com" value={name} error={errors.name} autoComplete="off" onChange={(e) => (setName(e.target.value), clear('name'))} />
      <SecretField
        label="Secret key"
        mono
        placeholder="JBSW Y3DP EHPK 3PXP"
        value={secret}
        error={errors.secret}
        hint="Spaces and lower case are fine."
        onChange={(e) => (setSecret(e.target.value), clear('secret'))}
      />
      <TagInput
        {...tagField.inputProps}
        error={errors.tags}
        onErrorChange={(error) => setErrors((e) => ({ ...e, tags: error ?? undefined }))}
      />

      <button type="button" className="disclosure" aria-expanded={advanced} aria-controls={advancedId} onClick={() => setAdvanced((a) => !a)}>
        <Icon name="chevronDown" size={16} />
        Advanced
      </button>
      <div id={advancedId} className="advanced-grid" hidden={!advanced}>
        <SelectField
          label="Type"
          value={type}
          onChange={(e) => setType(e.target.value as OtpType)}
          options={[
            { value: 'totp', label: 'TOTP' },
            { value: 'hotp', label: 'HOTP' },
            { value: 'steam', label: 'Steam' },
          ]}
        />
        <SelectField
          label="Algorithm"
          value={type === 'steam' ? 'SHA1' : algorithm}
          disabled={type === 'steam'}
          onChange={(e) => setAlgorithm(e.target.value as HashAlgorithm)}
          options={[
            { value: 'SHA1', label: 'SHA1' },
            { value: 'SHA256', label: 'SHA256' },
            { value: 'SHA512', label: 'SHA512' },
          ]}
        />
        <SelectField
          label="Digits"
          value={type === 'steam' ? '5' : digits}
          disabled={type === 'steam'}
          error={errors.digits}
          onChange={(e) => (setDigits(e.target.value), clear('digits'))}
          options={type === 'steam' ? [{ value: '5', label: '5' }] : ['6', '7', '8'].map((d) => ({ value: d, label: d }))}
        />
        {type === 'hotp' ? (
          <TextField label="Counter" inputMode="numeric" value={counter} error={errors.counter} onChange={(e) => (setCounter(e.target.value), clear('counter'))} />
        ) : (
          <TextField
            label="Period (seconds)"
            inputMode="numeric"
            value={type === 'steam' ? '30' : period}
            disabled={type === 'steam'}
            error={errors.period}
            onChange={(e) => (setPeriod(e.target.value), clear('period'))}
          />
        )}
      </div>
    </Dialog>
  );
}
