import { useMemo, useRef, useState } from 'react';
import { hasTag, tagKey, tagProblem } from '../../../shared/otp/tags';
import { announce } from '../../ui/announce';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useCodes, useCodesActions } from '../context';
import { tagsOf } from '../store/account-display';

type Editing = { kind: 'rename'; tag: string } | { kind: 'delete'; tag: string } | null;

const accountsText = (n: number) => `${n} account${n === 1 ? '' : 's'}`;

/**
 * "Manage tags": every tag in use with how many accounts carry it; Rename (every account carrying
 * it; merged into an existing tag of that name) and Delete (taken off every account, the accounts
 * stay). Each is one call to main, which changes all accounts in one vault save.
 */
export function ManageTagsDialog({ onClose }: { onClose: () => void }) {
  const actions = useCodesActions();
  const accounts = useCodes((s) => s.accounts);
  const tags = useMemo(() => tagsOf(accounts), [accounts]);
  const counts = useMemo(() => new Map(tags.map((t) => [t, accounts.filter((a) => hasTag(a.tags, t)).length])), [tags, accounts]);
  const [editing, setEditing] = useState<Editing>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  function start(next: Editing) {
    setEditing(next);
    setError(null);
    setName(next?.kind === 'rename' ? next.tag : '');
  }

  /** Back to the row's own button after a form closes, so keyboard users stay where they were. */
  function refocus(tag: string, which: 'rename' | 'delete') {
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-tag-action="${which}:${CSS.escape(tagKey(tag))}"]`)?.focus());
  }

  async function rename(from: string) {
    const problem = tagProblem(name);
    if (problem) return setError(problem);
    const to = name.trim();
    if (to === from) {
      start(null);
      return refocus(from, 'rename');
    }
    const merging = tags.some((t) => t !== from && tagKey(t) === tagKey(to));
    setBusy(true);
    const result = await actions.renameTag(from, to);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    start(null);
    const message = `${merging ? `Merged “${from}” into “${to}”` : `Renamed “${from}” to “${to}”`} on ${accountsText(result.value)}`;
    actions.showToast(message, 'success');
    announce(message);
    refocus(to, 'rename');
  }

  async function remove(tag: string) {
    setBusy(true);
    const result = await actions.deleteTag(tag);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    start(null);
    const message = `Removed the tag “${tag}” from ${accountsText(result.value)}`;
    actions.showToast(message, 'success');
    announce(message);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>('button')?.focus());
  }

  return (
    <Dialog
      title="Manage tags"
      description="Renaming or deleting a tag changes every account that carries it. Deleting a tag keeps the accounts."
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {error && editing === null && (
        <div className="callout callout-danger form-callout" role="alert">
          <Icon name="alert" />
          <span>{error}</span>
        </div>
      )}
      {tags.length === 0 ? (
        <p className="field-hint">No account has a tag. Add tags to an account with Edit (F2).</p>
      ) : (
        <ul className="manage-tags" ref={listRef} aria-label="Tags">
          {tags.map((tag) => {
            const count = counts.get(tag) ?? 0;
            const key = tagKey(tag);
            const here = editing && tagKey(editing.tag) === key ? editing.kind : null;
            return (
              <li key={key} className="manage-tag" data-testid="manage-tag">
                <span className="manage-tag-label">
                  <span className="manage-tag-name">{tag}</span>
                  <span className="manage-tag-count">{accountsText(count)}</span>
                </span>
                {here === null && (
                  <>
                    <button type="button" className="btn btn-small" data-tag-action={`rename:${key}`} aria-label={`Rename tag ${tag}`} onClick={() => start({ kind: 'rename', tag })}>
                      <Icon name="edit" size={14} />
                      Rename…
                    </button>
                    <button type="button" className="btn btn-small danger-text" data-tag-action={`delete:${key}`} aria-label={`Delete tag ${tag}`} onClick={() => start({ kind: 'delete', tag })}>
                      <Icon name="trash" size={14} />
                      Delete…
                    </button>
                  </>
                )}
                {here === 'rename' && (
                  <form
                    className="manage-tag-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      void rename(tag);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') {
                        e.preventDefault();
                        start(null);
                        refocus(tag, 'rename');
                      }
                    }}
                  >
                    <TextField
                      label={`New name for “${tag}”`}
                      value={name}
                      error={error}
                      autoFocus
                      autoComplete="off"
                      spellCheck={false}
                      hint="An existing tag's name merges the two."
                      onChange={(e) => (setName(e.target.value), setError(null))}
                    />
                    <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
                      Rename
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => (start(null), refocus(tag, 'rename'))}>
                      Cancel
                    </button>
                  </form>
                )}
                {here === 'delete' && (
                  <div className="manage-tag-form" role="group" aria-label={`Delete tag ${tag}`}>
                    <span className="manage-tag-count">
                      Remove “{tag}” from {accountsText(count)}? The accounts stay.
                    </span>
                    <button type="button" className="btn btn-danger btn-small" autoFocus disabled={busy} onClick={() => void remove(tag)}>
                      Remove tag
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => (start(null), refocus(tag, 'delete'))}>
                      Cancel
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
