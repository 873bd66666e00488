import { useState } from 'react';
import { useCodes } from '../context';
import { visibleSections } from '../store/account-display';
import { AccountRow } from './AccountRow';

type DragState = { dragging: string | null; over: string | null; where: 'before' | 'after' | null };

/** The accounts, favourites first, filtered by the search text and the group chip. */
export function AccountList() {
  const accounts = useCodes((s) => s.accounts);
  const codes = useCodes((s) => s.codes);
  const query = useCodes((s) => s.query);
  const group = useCodes((s) => s.group);
  const [drag, setDrag] = useState<DragState>({ dragging: null, over: null, where: null });
  const sections = visibleSections(accounts, query, group);
  const reorderable = query.trim() === '';

  if (sections.length === 0) {
    return (
      <p className="no-results" role="status">
        No accounts match “{query.trim() || group}”.
      </p>
    );
  }

  return (
    <ul className="account-list" role="list" aria-label="Accounts">
      {sections.map((section) => {
        const ids = section.accounts.map((a) => a.id);
        return [
          section.title ? (
            // A list item of its own (a list may hold only items): "Favourites, heading level 2".
            <li key={`h-${section.id}`} className="section-heading">
              <h2>{section.title}</h2>
            </li>
          ) : null,
          ...section.accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              code={codes[account.id]}
              sectionIds={ids}
              reorderable={reorderable}
              draggingId={drag.dragging}
              dropHint={drag.over === account.id ? drag.where : null}
              onDragState={setDrag}
            />
          )),
        ];
      })}
    </ul>
  );
}
