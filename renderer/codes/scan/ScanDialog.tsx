import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { useCodesActions, useDesktopApi } from '../context';
import type { ScanReviewView } from '../../../shared/ipc/scan-channels';
import type { AddDialogProps } from '../extensions';
import { CameraScanner } from './CameraScanner';
import { ScanReviewList } from './ScanReviewList';
import { createScanStore } from './scan-store';
import './scan.css';

const BUSY_TEXT = {
  screen: 'Looking for QR codes on every screen…',
  file: 'Reading the image…',
  image: 'Reading the image…',
  clipboard: 'Reading the clipboard…',
  camera: 'Reading the code…',
  confirm: 'Adding…',
} as const;

/**
 * "Scan QR code…": from every screen, the camera, an image file (dialog or drag-and-drop) or the
 * clipboard. Whatever is found is listed for confirmation; nothing is added until "Add".
 * Closing the dialog tells main to forget the found accounts and any partly scanned export.
 *
 * With `linkReview` (LinkReviewHost) it opens on the review of an otpauth:// link opened with
 * the app, titled "Add from a link", without the scan sources.
 */
export function ScanDialog({ onClose, linkReview = null }: AddDialogProps & { linkReview?: ScanReviewView | null }) {
  const api = useDesktopApi();
  const codes = useCodesActions();
  const store = useMemo(() => createScanStore(api.scan, linkReview), [api, linkReview]);
  const { busy, review, selected, error, info, actions } = useStore(store);
  const [camera, setCamera] = useState(false);
  const [dragging, setDragging] = useState(false);

  useEffect(() => () => void store.getState().actions.discard(), [store]);

  /** Camera payloads go to main; the camera stops once there is something to confirm and no export page is missing. */
  async function onCameraPayloads(payloads: string[]) {
    const next = await actions.submitPayloads(payloads);
    if (next && next.candidates.length > 0 && !next.migration) setCamera(false);
  }

  async function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (!file) return;
    setCamera(false);
    await actions.scanImage(new Uint8Array(await file.arrayBuffer()), file.name);
  }

  async function add() {
    const added = await actions.confirm();
    if (!added) return;
    codes.showToast(added.length === 1 ? `Added ${added[0]!.issuer || added[0]!.name}` : `Added ${added.length} accounts`, 'success');
    onClose();
  }

  const sources = [
    { id: 'screen', label: 'Scan screen', run: () => actions.scanScreen() },
    { id: 'camera', label: camera ? 'Stop camera' : 'Use camera', run: () => setCamera((on) => !on) },
    { id: 'file', label: 'Open image…', run: () => actions.openFile() },
    { id: 'clipboard', label: 'Paste image or link', run: () => actions.scanClipboard() },
  ];

  return (
    <Dialog
      wide
      title={linkReview ? 'Add from a link' : 'Scan a QR code'}
      description={
        linkReview
          ? 'A link was opened with Twofold. Check the account below before you add it; nothing is added until you do.'
          : 'Show the code the service gives you when you turn on two-factor authentication, or a Google Authenticator export.'
      }
      onClose={onClose}
      dirty={selected.length > 0}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy !== null || selected.length === 0} onClick={add}>
            {selected.length <= 1 ? 'Add account' : `Add ${selected.length} accounts`}
          </button>
        </>
      }
    >
      {/* A link review is about the account it brings: the scan sources would only distract. */}
      {!linkReview && (
        <>
          <div className="scan-sources" role="group" aria-label="Scan from">
            {sources.map((s) => (
              // aria-disabled, not disabled, while a scan runs: the pressed button keeps focus
              // (a disabled one would drop it), and the status line below says what is going on.
              <button
                key={s.id}
                type="button"
                className="btn"
                aria-disabled={busy !== null}
                onClick={() => {
                  if (busy !== null) return;
                  if (s.id !== 'camera') setCamera(false);
                  void s.run();
                }}
              >
                {s.label}
              </button>
            ))}
          </div>
          {camera && <CameraScanner onPayloads={(payloads) => void onCameraPayloads(payloads)} />}
          <div
            className={dragging ? 'scan-drop scan-drop-active' : 'scan-drop'}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => void onDrop(e)}
          >
            <Icon name="plus" /> Drop a PNG, JPEG, WebP, BMP or GIF image here
          </div>
        </>
      )}
      {busy && busy !== 'confirm' && (
        <p className="scan-status" role="status">
          {BUSY_TEXT[busy]}
        </p>
      )}
      {error && (
        <div className="callout callout-danger form-callout" role="alert">
          {error}
        </div>
      )}
      {info && (
        <p className="scan-status" role="status">
          {info}
        </p>
      )}
      {review && <ScanReviewList review={review} selected={selected} onToggle={actions.toggle} />}
    </Dialog>
  );
}
