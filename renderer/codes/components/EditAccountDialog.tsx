import { useState } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import { Dialog, FormDialogActions } from '../../ui/Dialog';
import { CheckField, TextAreaField, TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useCodesActions } from '../context';
import { AccountIconField } from './AccountIconField';
import { RecoveryCodesRow } from '../recovery/RecoveryCodesRow';
import { errorsByField } from './form-errors';
import { TagInput } from './TagInput';
import { useTagField } from './use-tag-field';

type Field = 'issuer' | 'name' | 'tags' | 'note' | 'form';

/** Edit what the user named: issuer, account name, tags, favourite, note (never the key). */
export function EditAccountDialog({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const actions = useCodesActions();
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const tagField = useTagField(account.tags);
  const [favourite, setFavourite] = useState(account.favourite);
  const [note, setNote] = useState(account.note);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!issuer.trim() && !name.trim()) {
      setErrors({ issuer: 'Enter the issuer or the account name: an account needs one of them.' });
      return;
    }
    const toSave = tagField.toSave();
    if (!toSave.ok) {
      setErrors({ tags: toSave.error });
      return;
    }
    setBusy(true);
    const result = await actions.update(account.id, { issuer: issuer.trim(), name: name.trim(), tags: toSave.tags, favourite, note });
    setBusy(false);
    if (result.ok) {
      actions.showToast('Changes saved', 'success');
      onClose();
    } else {
      setErrors(errorsByField(result.error, ['issuer', 'name', 'tags', 'note', 'form'], 'form'));
    }
  }

  return (
    <Dialog
      title="Edit account"
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn btn-ghost danger-text" onClick={() => actions.openDialog({ kind: 'delete', id: account.id })}>
            <Icon name="trash" size={16} />
            Delete…
          </button>
          <span className="spacer" />
          <FormDialogActions onCancel={onClose} submitLabel="Save" busy={busy} />
        </>
      }
    >
      {errors.form && (
        <div className="callout callout-danger form-callout" role="alert">
          <Icon name="alert" />
          <span>{errors.form}</span>
        </div>
      )}
      <TextField label="Issuer" value={issuer} error={errors.issuer} autoComplete="off" onChange={(e) => setIssuer(e.target.value)} />
      <TextField label="Account name" value={name} error={errors.name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      <TagInput
        {...tagField.inputProps}
        error={errors.tags}
        onErrorChange={(error) => setErrors((e) => ({ ...e, tags: error ?? undefined }))}
      />
      <TextAreaField label="Note" optional className="textarea textarea-plain" value={note} error={errors.note} rows={3} onChange={(e) => setNote(e.target.value)} />
      <AccountIconField account={account} />
      <RecoveryCodesRow account={account} onOpen={() => actions.openDialog({ kind: 'recovery-codes', id: account.id })} />
      <div className="field-gap" />
      <CheckField label="Favourite" description="Favourites are pinned to the top of the list." checked={favourite} onChange={(e) => setFavourite(e.target.checked)} />
    </Dialog>
  );
}
