import { Icon } from '../../ui/Icon';
import { useCodesActions } from '../context';
import { addMenuEntries } from '../extensions';

/** The list before the first account: what to do, with every way to add one. */
export function EmptyState() {
  const actions = useCodesActions();
  return (
    <div className="empty">
      <div className="empty-art" aria-hidden="true">
        <Icon name="shield" size={40} />
      </div>
      <h2 className="empty-title">No accounts yet</h2>
      <p className="empty-text">Add the accounts you protect with two-step verification. Their codes will appear here.</p>
      <div className="empty-actions">
        {addMenuEntries.map((entry, index) => (
          <button key={entry.id} type="button" className="btn" data-screen-focus={index === 0 ? '' : undefined} onClick={() => actions.openDialog({ kind: 'add', entryId: entry.id })}>
            <Icon name={entry.icon} size={17} />
            {entry.label.replace(/…$/, '')}
          </button>
        ))}
      </div>
    </div>
  );
}
