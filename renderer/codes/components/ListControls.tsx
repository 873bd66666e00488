import type { ListDensity, SortOrder } from '../../../shared/settings';
import { useCodes, useCodesActions } from '../context';

const ORDERS: ReadonlyArray<readonly [SortOrder, string]> = [
  ['manual', 'Manual order'],
  ['name', 'A–Z'],
  ['most-used', 'Most used'],
  ['recently-used', 'Recently used'],
];

/** The list's order and density, beside the search (saved in the settings). */
export function ListControls() {
  const actions = useCodesActions();
  const sort = useCodes((s) => s.settings?.sortOrder ?? 'manual');
  const density = useCodes((s) => s.settings?.listDensity ?? 'comfortable');
  const save = async (patch: { sortOrder?: SortOrder; listDensity?: ListDensity }) => {
    const result = await actions.saveSettings(patch);
    if (!result.ok) actions.showToast(result.error.message, 'error');
  };
  return (
    <div className="list-controls">
      <select className="select select-small" aria-label="Sort accounts" value={sort} onChange={(e) => save({ sortOrder: e.target.value as SortOrder })}>
        {ORDERS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={density === 'compact'}
        title="Show more accounts at once"
        onClick={() => save({ listDensity: density === 'compact' ? 'comfortable' : 'compact' })}
      >
        Compact
      </button>
    </div>
  );
}
