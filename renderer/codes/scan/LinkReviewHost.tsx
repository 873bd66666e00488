import { useEffect, useState } from 'react';
import type { ScanReviewView } from '../../../shared/ipc/scan-channels';
import { useCodes, useDesktopApi } from '../context';
import { screenOf } from '../store/codes-store';
import { ScanDialog } from './ScanDialog';

/**
 * Shows the review of each otpauth:// link opened with Twofold ('scan:review-ready') in the scan
 * dialog, where the user confirms or discards it as after any scan.
 *
 * Mounted for the window's whole life (App.tsx), so a review sent right after the unlock is not
 * missed while the vault screen renders. Reviews wait in arrival order and one is shown at a
 * time, only when no other dialog is open: a link never takes over a dialog the user is working
 * in (a scan in progress, a half-typed key); it opens as soon as that dialog closes. Main keeps
 * link candidates apart from scans, so the queued reviews stay confirmable meanwhile. Locking
 * drops the queue (main drops the candidates too).
 */
export function LinkReviewHost() {
  const api = useDesktopApi();
  const unlocked = useCodes((s) => screenOf(s.status) === 'unlocked');
  const otherDialogOpen = useCodes((s) => s.dialog !== null);
  const [links, setLinks] = useState<{ waiting: ScanReviewView[]; shown: ScanReviewView | null }>({ waiting: [], shown: null });

  useEffect(() => api.on('scan:review-ready', (review) => setLinks((now) => ({ ...now, waiting: [...now.waiting, review] }))), [api]);

  // Derived during render (React's "adjusting state when a prop changes"), not in an effect: the
  // next review opens in the same pass that sees the other dialog close.
  if (!unlocked && (links.shown !== null || links.waiting.length > 0)) {
    setLinks({ waiting: [], shown: null });
  } else if (unlocked && links.shown === null && !otherDialogOpen && links.waiting.length > 0) {
    setLinks({ waiting: links.waiting.slice(1), shown: links.waiting[0]! });
  }
  const shown = links.shown;

  if (!unlocked || shown === null) return null;
  return <ScanDialog linkReview={shown} onClose={() => setLinks((now) => ({ ...now, shown: null }))} />;
}
