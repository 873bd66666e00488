import { defaultRangeExtractor, measureElement, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import { useCodes, useCodesActions } from '../context';
import { visibleSections } from '../store/account-display';
import { AccountRow } from './AccountRow';

type DragState = { dragging: string | null; over: string | null; where: 'before' | 'after' | null };

/** One virtual row: a section heading, or up to `columns` accounts side by side. */
type ListRow = { kind: 'heading'; key: string; title: string } | { kind: 'accounts'; key: string; accounts: AccountView[]; sectionIds: string[] };

/** A column is at least this wide; a wide window shows as many as fit (up to MAX_COLUMNS). */
const MIN_COLUMN_WIDTH = 400;
const MAX_COLUMNS = 4;
/** First guesses only: the heights measured in this window replace them (fonts differ by system). */
const ROW_HEIGHT = { comfortable: 84, compact: 60 } as const;
const HEADING_HEIGHT = 34;
const HIGHLIGHT_MS = 2400;

/**
 * The accounts, favourites first, filtered by the search text and the tag chips, in the chosen
 * order. Virtualised (@tanstack/react-virtual): only the rows in view (plus a few) are in the
 * DOM, so a vault of thousands renders its first screen as fast as one of ten. Wide windows lay
 * the accounts out in columns. Arrow keys move through the accounts in reading order, scrolling
 * rows that are not rendered yet into view before focusing them.
 */
export function AccountList() {
  const accounts = useCodes((s) => s.accounts);
  const codes = useCodes((s) => s.codes);
  const query = useCodes((s) => s.query);
  const tagFilter = useCodes((s) => s.tagFilter);
  const sort = useCodes((s) => s.settings?.sortOrder ?? 'manual');
  const density = useCodes((s) => s.settings?.listDensity ?? 'comfortable');
  const highlight = useCodes((s) => s.highlight);
  const focusRequest = useCodes((s) => s.focusRequest);
  const [drag, setDrag] = useState<DragState>({ dragging: null, over: null, where: null });
  const [columns, setColumns] = useState(1);
  const [flash, setFlash] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const actions = useCodesActions();
  /**
   * The smallest height measured so far per kind of row: the estimate for rows not rendered yet.
   * A wrong estimate makes the list grow under the scrollbar while it scrolls, and a jump to a
   * far row (End, a new account) land short.
   */
  const measured = useRef(new Map<string, number>());
  const sections = useMemo(() => visibleSections(accounts, query, tagFilter, sort), [accounts, query, tagFilter, sort]);
  const reorderable = query.trim() === '' && sort === 'manual';
  const empty = sections.length === 0;

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => setColumns(Math.max(1, Math.min(MAX_COLUMNS, Math.floor(list.clientWidth / MIN_COLUMN_WIDTH))));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(list);
    return () => observer.disconnect();
  }, [empty]);

  const { rows, flat, rowOf } = useMemo(() => {
    const rows: ListRow[] = [];
    const rowOf = new Map<string, number>();
    for (const section of sections) {
      if (section.title) rows.push({ kind: 'heading', key: `h-${section.id}`, title: section.title });
      const sectionIds = section.accounts.map((a) => a.id);
      for (let i = 0; i < section.accounts.length; i += columns) {
        const chunk = section.accounts.slice(i, i + columns);
        for (const a of chunk) rowOf.set(a.id, rows.length);
        rows.push({ kind: 'accounts', key: chunk.map((a) => a.id).join(' '), accounts: chunk, sectionIds });
      }
    }
    return { rows, flat: sections.flatMap((s) => s.accounts), rowOf };
  }, [sections, columns]);

  // The virtualizer's functions are not memoisable (React Compiler skips this component); that
  // is expected for a virtual list, which re-renders on scroll anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current?.closest<HTMLElement>('.content') ?? null,
    estimateSize: (i) => (rows[i]?.kind === 'heading' ? (measured.current.get('heading') ?? HEADING_HEIGHT) : (measured.current.get(density) ?? ROW_HEIGHT[density])),
    measureElement: (element, entry, instance) => {
      const size = measureElement(element, entry, instance);
      const kind = element.classList.contains('section-heading') ? 'heading' : density;
      const known = measured.current.get(kind);
      if (size > 0 && (known === undefined || size < known)) measured.current.set(kind, size);
      return size;
    },
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 6,
    // The focused row is kept in the DOM wherever the list is scrolled (WCAG 2.4.3, 2.4.7): were
    // it unmounted, the focus would fall to the page and the next arrow key would start over.
    rangeExtractor: (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // Read at each range change, while the focused row is still rendered (it was in the last range).
      const active = document.activeElement;
      const id = active && listRef.current?.contains(active) ? active.closest<HTMLElement>('[data-account-id]')?.dataset.accountId : undefined;
      const focused = id === undefined ? undefined : rowOf.get(id);
      if (focused === undefined || indexes.includes(focused)) return indexes;
      return [...indexes, focused].sort((a, b) => a - b);
    },
  });
  const items = virtualizer.getVirtualItems();

  // Only the rendered accounts' codes are asked for (and refreshed each second).
  const shownKey = items.map((item) => (rows[item.index]?.kind === 'accounts' ? rows[item.index]?.key : '')).join(' ');
  useEffect(() => {
    actions.showCodesFor(shownKey.split(' ').filter(Boolean));
  }, [actions, shownKey]);
  useEffect(() => () => actions.showCodesFor([]), [actions]);

  const position = useMemo(() => new Map(flat.map((a, i) => [a.id, i])), [flat]);

  /** Focuses the account's copy button, first scrolling it into view (rendering it) when it is not in the DOM. */
  const focusAccount = useCallback(
    (id: string) => {
      const find = () => document.querySelector<HTMLButtonElement>(`[data-account-id="${CSS.escape(id)}"] [data-copy-button]`);
      const rendered = find();
      if (rendered) {
        // Synchronously, so a key pressed right after lands on the new row.
        rendered.focus();
        return;
      }
      const row = rowOf.get(id);
      if (row === undefined) return;
      virtualizer.scrollToIndex(row, { align: 'auto' });
      let tries = 0;
      const attempt = () => {
        const button = find();
        if (button) button.focus();
        else if (tries++ < 8) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [rowOf, virtualizer],
  );

  const navigate = useCallback(
    (id: string, move: number | 'first' | 'last') => {
      const at = position.get(id) ?? 0;
      const index = move === 'first' ? 0 : move === 'last' ? flat.length - 1 : at + move;
      const target = flat[index];
      if (target) focusAccount(target.id);
    },
    [flat, position, focusAccount],
  );

  useEffect(() => {
    if (focusRequest) focusAccount(focusRequest.id);
    // Only a new request (seq) moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest?.seq]);

  const neighbourOf = useCallback(
    (id: string) => {
      const at = position.get(id);
      if (at === undefined) return null;
      return (flat[at + 1] ?? flat[at - 1])?.id ?? null;
    },
    [flat, position],
  );

  // A newly added account: scroll it into view and highlight it for a moment.
  useEffect(() => {
    if (!highlight) return;
    const row = rowOf.get(highlight.id);
    if (row === undefined) return;
    virtualizer.scrollToIndex(row, { align: 'center' });
    setFlash(highlight.id);
    const timer = window.setTimeout(() => setFlash(null), HIGHLIGHT_MS);
    return () => window.clearTimeout(timer);
    // Only a new highlight (seq) scrolls; later list changes must not pull the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight?.seq]);

  if (empty) {
    return (
      <p className="no-results" role="status">
        {query.trim() ? `No accounts match “${query.trim()}”${tagFilter.length ? ' among the chosen tags' : ''}.` : 'No account carries all the chosen tags.'}
      </p>
    );
  }

  return (
    <div
      ref={listRef}
      className={`account-list is-${density}`}
      role="list"
      aria-label="Accounts"
      style={{ height: virtualizer.getTotalSize(), '--columns': columns } as CSSProperties}
    >
      {items.map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            // A list owns only list items (ARIA 1.2): a section heading is one, with the h2 inside.
            role={row.kind === 'heading' ? 'listitem' : 'presentation'}
            className={row.kind === 'heading' ? 'section-heading' : 'account-row-group'}
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {row.kind === 'heading' ? (
              <h2>{row.title}</h2>
            ) : (
              row.accounts.map((account) => (
                <AccountRow
                  key={account.id}
                  account={account}
                  code={codes[account.id]}
                  sectionIds={row.sectionIds}
                  reorderable={reorderable}
                  draggingId={drag.dragging}
                  dropHint={drag.over === account.id ? drag.where : null}
                  onDragState={setDrag}
                  onNavigate={navigate}
                  afterMove={focusAccount}
                  onNavigateTarget={neighbourOf}
                  highlighted={flash === account.id}
                  position={(position.get(account.id) ?? 0) + 1}
                  total={flat.length}
                />
              ))
            )}
          </div>
        );
      })}
    </div>
  );
}
