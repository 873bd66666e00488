import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DesktopApi } from '../../../shared/ipc/desktop-api';
import type { ScanOutcome, ScanReviewView } from '../../../shared/ipc/scan-channels';
import type { AccountView } from '../../../shared/otp/account';
import type { Result } from '../../../shared/result';

/** The scan area of `window.twofold` (channels 'scan:*'). */
export type ScanApi = DesktopApi['scan'];

export type ScanSource = 'screen' | 'file' | 'clipboard' | 'image' | 'camera';

export interface ScanState {
  /** Which scan is running, or null. */
  busy: ScanSource | 'confirm' | null;
  review: ScanReviewView | null;
  /** Candidate keys the user ticked (duplicates start unticked). */
  selected: string[];
  /** Why the last action failed (a message from main), or a "scan cancelled" note. */
  error: string | null;
  info: string | null;
  actions: ScanActions;
}

export interface ScanActions {
  scanScreen(): Promise<void>;
  openFile(): Promise<void>;
  scanClipboard(): Promise<void>;
  scanImage(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<void>;
  /** Payloads from the camera worker. Key material: they may carry secrets (sent to main only). */
  submitPayloads(payloads: string[]): Promise<ScanReviewView | null>;
  toggle(key: string): void;
  /** Adds the ticked accounts; returns them, or null when it failed (error set). */
  confirm(): Promise<AccountView[] | null>;
  /** Forgets the review (and, in main, the pending secrets, any partial export and the link review shown). */
  discard(): Promise<void>;
}

export type ScanStore = StoreApi<ScanState>;

/**
 * The scan dialog's store (zustand factory, one per dialog; STYLE.md). It never holds a secret:
 * main keeps the found accounts and sends a review keyed by opaque `key`s.
 *
 * `linkReview`: the dialog opens on the review of an otpauth:// link opened with the app
 * ('scan:review-ready'). Main keeps link candidates apart from scans, so closing the dialog
 * names them for `scan:discard`.
 */
export function createScanStore(api: ScanApi, linkReview: ScanReviewView | null = null): ScanStore {
  const linkKeys = linkReview?.candidates.map((c) => c.key) ?? [];
  return createStore<ScanState>((set, get) => {
    const run = async (source: ScanSource, call: () => Promise<Result<ScanOutcome>>): Promise<ScanReviewView | null> => {
      set({ busy: source, error: null, info: null });
      const result = await call();
      if (!result.ok) {
        set({ busy: null, error: result.error.message });
        return null;
      }
      if (result.value.status === 'cancelled') {
        set({ busy: null, info: result.value.message });
        return null;
      }
      const review = result.value.review;
      set({ busy: null, review, selected: review.candidates.filter((c) => !c.duplicate).map((c) => c.key) });
      return review;
    };
    return {
      busy: null,
      review: linkReview,
      selected: linkReview?.candidates.filter((c) => !c.duplicate).map((c) => c.key) ?? [],
      error: null,
      info: null,
      actions: {
        scanScreen: async () => void (await run('screen', () => api.screen())),
        openFile: async () => void (await run('file', () => api.openFile())),
        scanClipboard: async () => void (await run('clipboard', () => api.clipboard())),
        scanImage: async (bytes, name) => void (await run('image', () => api.image(bytes, name))),
        submitPayloads: (payloads) => run('camera', () => api.payloads(payloads)),
        toggle(key) {
          const { selected } = get();
          set({ selected: selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key] });
        },
        async confirm() {
          const { selected } = get();
          set({ busy: 'confirm', error: null });
          const result = await api.confirm(selected);
          if (!result.ok) {
            set({ busy: null, error: result.error.message });
            return null;
          }
          set({ busy: null, review: null, selected: [] });
          return result.value;
        },
        async discard() {
          set({ review: null, selected: [], error: null, info: null });
          await api.discard(linkKeys);
        },
      },
    };
  });
}
