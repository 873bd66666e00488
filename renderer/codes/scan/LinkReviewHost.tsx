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
 * missed while the vault screen renders; at start it also asks main for link reviews sent before
 * the window existed ('scan:link-reviews'). Reviews wait in arrival order and one is shown at a
 * time, only when no other dialog is open: a link never takes over a dialog the user is working
 * in (a scan in progress, a half-typed key); it opens as soon as that dialog closes. Main keeps
 * link candidates apart from scans, so the queued reviews stay confirmable meanwhile. Locking
 * drops the queue (main drops the candidates too).
 */
interface LinkQueue {
  waiting: ScanReviewView[];
  shown: ScanReviewView | null;
  /** The vault state this queue belongs to. */
  unlocked: boolean;
}

/** A review pulled at start may also arrive as an event: the same candidate keys mean the same review. */
function isQueued(queue: LinkQueue, review: ScanReviewView): boolean {
  const key = review.candidates[0]?.key;
  return key !== undefined && [queue.shown, ...queue.waiting].some((r) => r?.candidates[0]?.key === key);
}

export function LinkReviewHost() {
  const api = useDesktopApi();
  const unlocked = useCodes((s) => screenOf(s.status) === 'unlocked');
  const otherDialogOpen = useCodes((s) => s.dialog !== null);
  const [links, setLinks] = useState<LinkQueue>({ waiting: [], shown: null, unlocked });

  useEffect(() => {
    let live = true;
    const enqueue = (reviews: readonly ScanReviewView[]) => setLinks((now) => ({ ...now, waiting: [...now.waiting, ...reviews.filter((r) => !isQueued(now, r))] }));
    const off = api.on('scan:review-ready', (review) => enqueue([review]));
    // Links that came while this window did not exist yet (closed to the tray).
    void api.scan.linkReviews().then((result) => {
      if (live && result.ok) enqueue(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);

  // Derived during render (React's "adjusting state when a prop changes"), not in an effect: the
  // next review opens in the same pass that sees the other dialog close. Locking drops the queue
  // (main has dropped the candidates).
  if (links.unlocked !== unlocked) {
    setLinks(unlocked ? { ...links, unlocked } : { waiting: [], shown: null, unlocked });
  } else if (unlocked && links.shown === null && !otherDialogOpen && links.waiting.length > 0) {
    setLinks({ ...links, waiting: links.waiting.slice(1), shown: links.waiting[0]! });
  }
  const shown = links.shown;

  if (!unlocked || shown === null) return null;
  return <ScanDialog linkReview={shown} onClose={() => setLinks((now) => ({ ...now, shown: null }))} />;
}
