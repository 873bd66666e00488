import { useEffect, useState } from 'react';
import { useCodes, useCodesActions } from '../context';
import { useImport } from './import-store';
import './import.css';

/** The "Add" menu entry id of the import dialog (extensions.ts). */
export const IMPORT_ENTRY_ID = 'import-file';

/**
 * Dropping an export file anywhere on the unlocked window opens the import dialog with that
 * file. Images are left alone (they are QR codes: the scan dialog reads those), and so is any
 * drop while another dialog is open.
 */
export function ImportDropTarget() {
  const codes = useCodesActions();
  const dialog = useCodes((s) => s.dialog);
  const actions = useImport((s) => s.actions);
  const [over, setOver] = useState(false);

  useEffect(() => {
    const accepts = (event: DragEvent) => dialog === null && Boolean(event.dataTransfer?.types.includes('Files'));
    const onDragOver = (event: DragEvent) => {
      if (!accepts(event)) return;
      event.preventDefault();
      setOver(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      setOver(false);
      if (!accepts(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (!file || file.type.startsWith('image/')) return;
      void actions.readDropped(file);
      codes.openDialog({ kind: 'add', entryId: IMPORT_ENTRY_ID });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [dialog, actions, codes]);

  return over ? (
    <div className="import-window-drop" aria-hidden="true">
      <p>Drop to import accounts from this file</p>
    </div>
  ) : null;
}
