import { useId, useRef } from 'react';
import { checkTags, hasTag, MAX_TAGS, tagProblem } from '../../../shared/otp/tags';
import { announce } from '../../ui/announce';
import { FieldShell } from '../../ui/Field';
import { Icon } from '../../ui/Icon';

export interface TagInputProps {
  tags: string[];
  onTagsChange: (tags: string[]) => void;
  /** The text typed but not yet added: lifted so the form can add it on submit. */
  text: string;
  onTextChange: (text: string) => void;
  /** Tags in use elsewhere, offered as suggestions (a datalist: the browser's own combobox). */
  suggestions: readonly string[];
  error?: string | null;
  onErrorChange: (error: string | null) => void;
}

/**
 * A token input for an account's tags: each tag a chip with its own "Remove tag …" button, then a
 * text field where Enter or a comma adds what was typed. Keyboard: Tab reaches each remove button
 * and the field; Backspace in the empty field focuses the last chip's remove button (it removes
 * nothing by itself). A tag breaking the shared rules (shared/otp/tags.ts) is not added: the
 * message under the field names it, and the text stays for the user to fix.
 */
export function TagInput({ tags, onTagsChange, text, onTextChange, suggestions, error, onErrorChange }: TagInputProps) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const removeRefs = useRef<Array<HTMLButtonElement | null>>([]);

  function add(): boolean {
    const typed = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (typed.length === 0) return false;
    const problem = typed.map((t) => tagProblem(t)).find((p) => p !== null);
    if (problem) {
      onErrorChange(problem);
      return true;
    }
    const fresh = typed.filter((t) => !hasTag(tags, t));
    const checked = checkTags([...tags, ...fresh]);
    if (!checked.ok) {
      onErrorChange(checked.message);
      return true;
    }
    onErrorChange(null);
    onTagsChange(checked.tags);
    onTextChange('');
    announce(fresh.length ? `Added tag ${fresh.join(', ')}` : `The account already has the tag ${typed.join(', ')}`);
    return true;
  }

  function remove(index: number) {
    const tag = tags[index];
    if (tag === undefined) return;
    onTagsChange(tags.filter((_, i) => i !== index));
    onErrorChange(null);
    announce(`Removed tag ${tag}`);
    // The button is gone: focus goes to the field, where typing continues.
    inputRef.current?.focus();
  }

  const offered = suggestions.filter((s) => !hasTag(tags, s));
  return (
    <FieldShell label="Tags" optional error={error} hint={`Type a tag and press Enter or a comma. Up to ${MAX_TAGS} tags.`}>
      {({ inputId, describedBy, invalid }) => (
        <div className={invalid ? 'tag-input is-invalid' : 'tag-input'} onClick={(e) => e.target === e.currentTarget && inputRef.current?.focus()}>
          {tags.length > 0 && (
            <ul className="tag-tokens" aria-label="Tags of this account">
              {tags.map((tag, index) => (
                <li key={tag} className="tag-token">
                  <span>{tag}</span>
                  <button
                    type="button"
                    className="tag-remove"
                    aria-label={`Remove tag ${tag}`}
                    title={`Remove tag ${tag}`}
                    ref={(el) => {
                      removeRefs.current[index] = el;
                    }}
                    onClick={() => remove(index)}
                  >
                    <Icon name="close" size={12} />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <input
            ref={inputRef}
            id={inputId}
            className="tag-input-field"
            list={listId}
            value={text}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            placeholder={tags.length ? 'Add another tag' : 'e.g. work'}
            onChange={(e) => {
              onTextChange(e.target.value);
              if (error) onErrorChange(null);
            }}
            onKeyDown={(e) => {
              if ((e.key === 'Enter' || e.key === ',') && text.trim() !== '') {
                e.preventDefault();
                add();
              } else if (e.key === 'Backspace' && text === '' && tags.length > 0) {
                e.preventDefault();
                removeRefs.current[tags.length - 1]?.focus();
              }
            }}
          />
          <datalist id={listId}>
            {offered.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
      )}
    </FieldShell>
  );
}

/**
 * The tags to save: the chips plus whatever is still typed in the field (a user who typed a tag
 * and pressed Save expects it kept), under the shared rules. `error` names the refused tag.
 */
export function tagsToSave(tags: readonly string[], text: string): { ok: true; tags: string[] } | { ok: false; error: string } {
  const typed = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const checked = checkTags([...tags, ...typed]);
  return checked.ok ? { ok: true, tags: checked.tags } : { ok: false, error: checked.message };
}
