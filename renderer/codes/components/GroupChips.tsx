import { useCodes, useCodesActions } from '../context';
import { groupsOf } from '../store/account-display';

/** Filter chips, one per group; shown only when some account has a group. */
export function GroupChips() {
  const accounts = useCodes((s) => s.accounts);
  const selected = useCodes((s) => s.group);
  const actions = useCodesActions();
  const groups = groupsOf(accounts);
  if (groups.length === 0) return null;
  const chip = (value: string | null, label: string) => (
    <button
      key={label}
      type="button"
      className={selected === value ? 'chip is-selected' : 'chip'}
      aria-pressed={selected === value}
      onClick={() => actions.setGroup(value)}
    >
      {label}
    </button>
  );
  return (
    <div className="chips" role="group" aria-label="Filter by group">
      {chip(null, 'All')}
      {groups.map((g) => chip(g, g))}
    </div>
  );
}
