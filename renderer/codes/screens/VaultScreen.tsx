import { useEffect } from 'react';
import { Icon } from '../../ui/Icon';
import { AccountList } from '../components/AccountList';
import { AddMenu } from '../components/AddMenu';
import { DeleteAccountDialog } from '../components/DeleteAccountDialog';
import { RecoveryCodesDialog } from '../recovery/RecoveryCodesDialog';
import { EditAccountDialog } from '../components/EditAccountDialog';
import { EmptyState } from '../components/EmptyState';
import { TagChips } from '../components/TagChips';
import { ManageTagsDialog } from '../components/ManageTagsDialog';
import { ListControls } from '../components/ListControls';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { SettingsDialog } from '../components/SettingsDialog';
import { TrashDialog } from '../components/TrashDialog';
import { BackupBanner } from '../backup/BackupBanner';
import { RestoreDialog } from '../backup/RestoreDialog';
import { useCodes, useCodesActions, useCodesStore } from '../context';
import { addMenuEntries } from '../extensions';
import { BrandMark } from '../../ui/BrandMark';
import { visibleSections } from '../store/account-display';
import { ImportDropTarget } from '../import/ImportDropTarget';

const REFRESH_MS = 1000;

/** The unlocked vault: toolbar, search, tag chips, the list, and whichever dialog is open. */
export function VaultScreen() {
  const actions = useCodesActions();
  const accounts = useCodes((s) => s.accounts);
  const query = useCodes((s) => s.query);
  const dialog = useCodes((s) => s.dialog);
  const tagFilter = useCodes((s) => s.tagFilter);
  const sort = useCodes((s) => s.settings?.sortOrder ?? 'manual');
  // Read when Enter is pressed, not subscribed: the codes change every second.
  const store = useCodesStore();

  useEffect(() => {
    const timer = window.setInterval(() => void actions.refreshCodes(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [actions]);

  // Window-wide keys while no dialog is open: Ctrl+L locks, "?" lists the shortcuts (not while
  // typing in a field, where "?" is text). Ctrl+N lives in AddMenu, F2/Delete on each row.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog || event.defaultPrevented) return;
      const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable="true"]');
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void actions.lock();
      } else if (event.key === '?' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        actions.openDialog({ kind: 'shortcuts' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, dialog]);

  const close = () => actions.closeDialog();
  const dialogAccount = dialog && (dialog.kind === 'edit' || dialog.kind === 'delete' || dialog.kind === 'recovery-codes') ? accounts.find((a) => a.id === dialog.id) : undefined;
  const AddDialog = dialog?.kind === 'add' ? addMenuEntries.find((entry) => entry.id === dialog.entryId)?.Dialog : undefined;

  return (
    <div className="vault">
      <header className="toolbar">
        <div className="toolbar-brand">
          <BrandMark size={22} />
          <span className="toolbar-title">Twofold</span>
        </div>
        <div className="toolbar-actions">
          <AddMenu />
          <button type="button" className="icon-btn" aria-label="Trash" title="Trash" onClick={() => actions.openDialog({ kind: 'trash' })}>
            <Icon name="trash" />
          </button>
          <button type="button" className="icon-btn" aria-label="Settings" title="Settings" onClick={() => actions.openDialog({ kind: 'settings' })}>
            <Icon name="settings" />
          </button>
          <button type="button" className="icon-btn" aria-label="Lock" title="Lock (Ctrl+L)" onClick={() => actions.lock()}>
            <Icon name="lock" />
          </button>
        </div>
      </header>
      {accounts.length > 0 && (
        <div className="filters">
          <div className="filters-row">
            <label className="search">
              <Icon name="search" size={16} />
              <input
                type="search"
                className="search-input"
                placeholder="Search"
                aria-label="Search accounts"
                data-screen-focus
                value={query}
                onChange={(e) => actions.setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape' && query) {
                    e.preventDefault();
                    actions.setQuery('');
                  } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
                    // The first account as listed (the list is virtualised: it may not be rendered).
                    const first = visibleSections(accounts, query, tagFilter, sort)[0]?.accounts[0];
                    if (first) {
                      e.preventDefault();
                      if (e.key === 'ArrowDown') actions.focusAccount(first.id);
                      // Its code may not be fetched yet (only rendered rows' are): then the setting decides.
                      else if (store.getState().codes[first.id]?.hidden ?? store.getState().settings?.hideCodes) void actions.reveal(first.id);
                      else void actions.copy(first.id);
                    }
                  }
                }}
              />
            </label>
            <ListControls />
          </div>
          <TagChips />
        </div>
      )}
      <BackupBanner />
      <div className="content">{accounts.length === 0 ? <EmptyState /> : <AccountList />}</div>

      {AddDialog && <AddDialog onClose={close} />}
      {dialog?.kind === 'settings' && <SettingsDialog onClose={close} />}
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={close} />}
      {dialog?.kind === 'trash' && <TrashDialog onClose={close} />}
      {dialog?.kind === 'restore' && <RestoreDialog onClose={close} />}
      {dialog?.kind === 'tags' && <ManageTagsDialog onClose={close} />}
      {dialog?.kind === 'edit' && dialogAccount && <EditAccountDialog account={dialogAccount} onClose={close} />}
      {dialog?.kind === 'recovery-codes' && dialogAccount && <RecoveryCodesDialog account={dialogAccount} onClose={close} />}
      {dialog?.kind === 'delete' && dialogAccount && <DeleteAccountDialog account={dialogAccount} onClose={close} />}
      <ImportDropTarget />
    </div>
  );
}
