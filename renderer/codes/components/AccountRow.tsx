import { memo, useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { AccountView } from '../../../shared/otp/account';
import type { CodeView } from '../../../shared/otp/code-view';
import { NEXT_CODE_LEAD_SECONDS } from '../../../shared/otp/generate';
import { announce } from '../../ui/announce';
import { Icon } from '../../ui/Icon';
import { useCodesActions } from '../context';
import { accountLabel, accountTitle, groupDigits } from '../store/account-display';
import { AccountAvatar } from './AccountAvatar';
import { CountdownRing } from './CountdownRing';

/** Marks a drag as one of our rows (files or text dragged in from elsewhere are ignored). */
const DRAG_TYPE = 'application/x-twofold-account';

export interface AccountRowProps {
  account: AccountView;
  code: CodeView | undefined;
  /** Ids shown in the same section, in order (keyboard reordering moves among these). */
  sectionIds: readonly string[];
  reorderable: boolean;
  /** The row that is being dragged over, and where the drop would go. */
  dropHint: 'before' | 'after' | null;
  onDragState: (state: { dragging: string | null; over: string | null; where: 'before' | 'after' | null }) => void;
  draggingId: string | null;
  /** Moves the focus to another account (by offset in reading order, or to the first / last). */
  onNavigate: (id: string, move: number | 'first' | 'last') => void;
  /** Focuses this account again after a keyboard reorder (it may have moved out of view). */
  afterMove: (id: string) => void;
  /** The account focus should go to when this one leaves the list (the next, else the previous). */
  onNavigateTarget: (id: string) => string | null;
  /** Just added: briefly highlighted. */
  highlighted: boolean;
  /** 1-based place in the whole (virtualised) list, and its length, for screen readers. */
  position: number;
  total: number;
}

/** "••• •••" in the shape of the hidden code (Steam: five characters). */
function maskFor(code: CodeView | undefined, digits: number): string {
  const length = code?.type === 'steam' ? 5 : digits;
  return groupDigits('0'.repeat(length)).replace(/0/g, '•');
}

/**
 * One account: who it is for, the current code (click or Enter copies it; with "hide codes" on,
 * the first click or Enter reveals it for 10 s), a countdown ring, the next code in the last 5
 * seconds with its own copy button, and the actions (favourite, edit, delete, reorder).
 * Keys: ArrowUp/Down move between accounts, Home/End to the first/last, Alt+ArrowUp/Down
 * reorders, F2 edits, Delete moves it to the trash (Undo in the toast).
 */
export const AccountRow = memo(function AccountRow(props: AccountRowProps) {
  const { account, code, sectionIds, reorderable, dropHint, onDragState, draggingId, onNavigate, onNavigateTarget, afterMove, highlighted, position, total } = props;
  const actions = useCodesActions();
  const [pressed, setPressed] = useState(false);
  const codeId = useId();
  const title = accountTitle(account);
  const label = accountLabel(account);
  const subtitle = account.issuer.trim() ? account.name.trim() : '';
  const isTime = code && code.type !== 'hotp';
  const hidden = code?.hidden === true;
  // The last seconds of a period: the ring turns urgent and the next code (computed by main only
  // then, same constant) appears so a slow typist can use it instead.
  const urgent = Boolean(isTime && code.secondsLeft <= NEXT_CODE_LEAD_SECONDS);
  const nextCode = isTime && !hidden ? code.nextCode : null;
  const rowRef = useRef<HTMLDivElement>(null);
  const shownCode = code?.code;
  const lastCode = useRef(shownCode);

  // The end of a countdown, said once, for the row the user is on only (a list of accounts
  // would otherwise speak every 30 s per account). The code itself is not spoken: it is read
  // with the row (aria-describedby) when the user asks.
  useEffect(() => {
    const previous = lastCode.current;
    lastCode.current = shownCode;
    if (previous === undefined || shownCode === undefined || previous === shownCode) return;
    if (rowRef.current?.contains(document.activeElement)) announce(`New code for ${label}`);
  }, [shownCode, label]);

  async function activate() {
    if (hidden) return actions.reveal(account.id);
    setPressed(true);
    await actions.copy(account.id);
    window.setTimeout(() => setPressed(false), 600);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === 'F2') {
      event.preventDefault();
      actions.openDialog({ kind: 'edit', id: account.id });
      return;
    }
    if (event.key === 'Delete') {
      // Straight to the trash: the toast's Undo (and the Trash view, for 30 days) bring it back.
      event.preventDefault();
      const next = onNavigateTarget(account.id);
      void actions.remove(account.id).then((result) => {
        if (result.ok && next) afterMove(next);
      });
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      onNavigate(account.id, event.key === 'Home' ? 'first' : 'last');
      return;
    }
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const delta = event.key === 'ArrowUp' ? -1 : 1;
    if (event.altKey) {
      if (!reorderable) {
        actions.showToast('Clear the search and choose the manual order to reorder accounts.', 'error');
        return;
      }
      void actions.move(account.id, delta, sectionIds).then((moved) => {
        if (moved) afterMove(account.id);
      });
      return;
    }
    onNavigate(account.id, delta);
  }

  // The drop position is read from the event itself, not from the hint state: a drop can arrive
  // before React has rendered the last dragover.
  const whereIn = (event: DragEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2 ? ('before' as const) : ('after' as const);
  };
  const dragProps = reorderable
    ? {
        onDragOver(event: DragEvent<HTMLDivElement>) {
          if (!event.dataTransfer.types.includes(DRAG_TYPE) || draggingId === account.id) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'move';
          if (draggingId) onDragState({ dragging: draggingId, over: account.id, where: whereIn(event) });
        },
        onDrop(event: DragEvent<HTMLDivElement>) {
          event.preventDefault();
          const dragged = event.dataTransfer.getData(DRAG_TYPE);
          if (dragged && dragged !== account.id) void actions.moveTo(dragged, account.id, whereIn(event));
          onDragState({ dragging: null, over: null, where: null });
        },
      }
    : {};

  const classes = ['account', urgent ? 'is-urgent' : '', draggingId === account.id ? 'is-dragging' : '', dropHint ? `drop-${dropHint}` : '', highlighted ? 'is-highlighted' : ''];
  return (
    <div
      ref={rowRef}
      className={classes.join(' ').replace(/\s+/g, ' ').trim()}
      role="listitem"
      aria-posinset={position}
      aria-setsize={total}
      data-account-id={account.id}
      data-focus-row
      {...dragProps}
    >
      {reorderable && (
        <span
          className="drag-handle"
          draggable
          title="Drag to reorder (or Alt+↑/↓)"
          aria-hidden="true"
          onDragStart={(event) => {
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData(DRAG_TYPE, account.id);
            onDragState({ dragging: account.id, over: null, where: null });
          }}
          onDragEnd={() => onDragState({ dragging: null, over: null, where: null })}
        >
          <Icon name="grip" size={16} />
        </span>
      )}
      <button
        type="button"
        className={pressed ? 'account-main is-copied' : 'account-main'}
        data-copy-button
        data-row-primary
        aria-label={hidden ? `Show code for ${label}` : `Copy code for ${label}`}
        aria-describedby={codeId}
        aria-keyshortcuts="Enter F2 Delete Alt+ArrowUp Alt+ArrowDown"
        title={label}
        onClick={activate}
        onKeyDown={onKeyDown}
      >
        <AccountAvatar title={title} issuer={account.issuer} name={account.name} custom={account.icon} />
        <span className="account-text">
          <span className="account-title" data-testid="account-title">
            {title}
          </span>
          {subtitle && <span className="account-subtitle">{subtitle}</span>}
          {account.tags.length > 0 && <span className="account-group" data-testid="account-tags">{account.tags.join(' · ')}</span>}
        </span>
        <span className="account-code-block">
          <span className={hidden ? 'account-code is-hidden' : 'account-code'} data-testid="code" id={codeId}>
            {hidden ? maskFor(code, account.otp.digits) : code ? groupDigits(code.code) : '––– –––'}
          </span>
          {nextCode !== null && (
            <span className="account-next" data-testid="next-code">
              Next <span className="account-next-code">{groupDigits(nextCode)}</span>
            </span>
          )}
          {code?.type === 'hotp' && <span className="account-next">Counter {code.counter}</span>}
        </span>
      </button>
      <div className="account-side">
        {isTime ? (
          <CountdownRing secondsLeft={code.secondsLeft} period={code.period} urgent={urgent} />
        ) : code?.type === 'hotp' ? (
          <button type="button" className="icon-btn" aria-label={`Next code for ${label}`} title="Next code" onClick={() => actions.nextHotp(account.id)}>
            <Icon name="refresh" />
          </button>
        ) : null}
        {nextCode !== null && (
          <button type="button" className="icon-btn copy-next" aria-label={`Copy next code for ${label}`} title="Copy the next code" onClick={() => actions.copyNext(account.id)}>
            <Icon name="copy" size={14} />
          </button>
        )}
      </div>
      <div className="account-actions">
        <button
          type="button"
          className={account.favourite ? 'icon-btn star is-on' : 'icon-btn star'}
          aria-label={account.favourite ? `Remove ${label} from favourites` : `Add ${label} to favourites`}
          aria-pressed={account.favourite}
          title={account.favourite ? 'Unpin from the top' : 'Pin to the top'}
          onClick={() => actions.toggleFavourite(account.id)}
        >
          <Icon name="star" filled={account.favourite} size={17} />
        </button>
        <button type="button" className="icon-btn" aria-label={`Edit ${label}`} title="Edit (F2)" onClick={() => actions.openDialog({ kind: 'edit', id: account.id })}>
          <Icon name="edit" size={17} />
        </button>
        <button type="button" className="icon-btn danger-hover" aria-label={`Delete ${label}`} title="Delete (Del)" onClick={() => actions.openDialog({ kind: 'delete', id: account.id })}>
          <Icon name="trash" size={17} />
        </button>
      </div>
    </div>
  );
});
