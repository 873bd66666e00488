import { useMemo } from 'react';
import { hasTag } from '../../../shared/otp/tags';
import { useCodes, useCodesActions } from '../context';
import { tagFilterSummary, tagsOf } from '../store/account-display';

/**
 * Filter chips, one per tag in use; shown only when some account has a tag. Chips narrow: with
 * several chosen, an account is shown when it carries every one of them (AND, as the sentence
 * under the chips says), because choosing one more chip is how people narrow a list. "All"
 * clears the filter. "Manage tags…" opens the rename/delete dialog.
 */
export function TagChips() {
  const accounts = useCodes((s) => s.accounts);
  const selected = useCodes((s) => s.tagFilter);
  const actions = useCodesActions();
  const tags = useMemo(() => tagsOf(accounts), [accounts]);
  if (tags.length === 0) return null;
  return (
    <div className="tag-filter">
      <div className="chips" role="group" aria-label="Filter by tag (accounts with every chosen tag)">
        <button type="button" className={selected.length === 0 ? 'chip is-selected' : 'chip'} aria-pressed={selected.length === 0} onClick={() => actions.clearTagFilter()}>
          All
        </button>
        {tags.map((tag) => {
          const on = hasTag(selected, tag);
          return (
            <button key={tag} type="button" className={on ? 'chip is-selected' : 'chip'} aria-pressed={on} onClick={() => actions.toggleTagFilter(tag)}>
              {tag}
            </button>
          );
        })}
        <button type="button" className="chip chip-manage" onClick={() => actions.openDialog({ kind: 'tags' })}>
          Manage tags…
        </button>
      </div>
      {selected.length > 0 && (
        <p className="tag-filter-summary" role="status" data-testid="tag-filter-summary">
          {tagFilterSummary(selected)}
        </p>
      )}
    </div>
  );
}
