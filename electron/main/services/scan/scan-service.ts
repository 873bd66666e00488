import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { toAccountView, type Account, type AccountDraft, type AccountView } from '../../../../shared/otp/account';
import { MigrationBatchCollector } from '../../../../shared/otp/migration-batch';
import { payloadScheme } from '../../../../shared/scan/classify-payload';
import { ScanError } from '../../../../shared/scan/scan-errors';
import { reviewPayloads, type FoundPayload, type PendingCandidate, type ScanReview } from '../../../../shared/scan/scan-review';
import { toReviewView, type ScanOutcome, type ScanReviewView } from '../../../../shared/ipc/scan-channels';
import { loadImageBytes, loadImageFile, type LoadedImage } from './image-loader';
import { flattenOnWhite } from './pixels';
import type { DecodedQr, QrDecoder } from './qr-types';
import type { ClipboardSource, ImageFilePicker, ScreenCapture } from './scan-ports';

/** The part of the vault the scan service uses (VaultApi from services/vault). */
export interface ScanVault {
  accounts(): readonly Account[];
  addAccounts(drafts: readonly AccountDraft[]): Promise<Account[]>;
}

export interface ScanServiceDeps {
  decoder: QrDecoder;
  vault: ScanVault;
  capture?: ScreenCapture;
  clipboard?: ClipboardSource;
  filePicker?: ImageFilePicker;
}

const NO_CODE = {
  screen: 'No QR code was found on your screens. Make sure the whole code is visible (not covered by another window or cut off at an edge), then scan again.',
  image: 'No QR code was found in this image. Use an image where the whole code is sharp and visible.',
  clipboard: 'No QR code was found in the copied image.',
  camera: 'No QR code was read.',
  link: 'The link opened with Twofold held no account.',
} as const;

/** Link candidates kept for the window at most; the oldest go first (a flood of links must not grow memory). */
const MAX_LINK_CANDIDATES = 200;

/** Told of a review the user did not start (an otpauth:// link opened with the app). Secret-free. */
export type ExternalReviewListener = (review: ScanReviewView) => void;

/**
 * Adding accounts by scanning: screen, image file, clipboard and (through `submitPayloads`)
 * the renderer's camera decoder. Every scan yields a review; nothing is added until `confirm`.
 *
 * Owns, in the main process and nowhere else: the pending candidates of the last review (drafts
 * with secrets) and the collector of a multi-page Google export in progress. Both are dropped on
 * `discard()`, after `confirm()`, and when the next scan replaces them.
 *
 * Links opened with the app (`receiveLink`) arrive while the user may be busy with a scan of
 * their own, so their candidates are kept apart (`linked`): a link never replaces the review on
 * screen, and a later scan never replaces a link review the window has queued. They go when
 * confirmed, when the window discards them by key, and on lock (`discardAll`).
 */
export class ScanService {
  private pending = new Map<string, PendingCandidate>();
  private readonly collector = new MigrationBatchCollector();
  /** Key material: candidates of link reviews, in arrival order, until confirmed or discarded. */
  private readonly linked = new Map<string, PendingCandidate>();
  private readonly linkCollector = new MigrationBatchCollector();
  /** The reviews sent for `linked` (secret-free), for a window that opens after they were sent. */
  private linkViews: ScanReviewView[] = [];
  private readonly externalListeners = new Set<ExternalReviewListener>();

  constructor(private readonly deps: ScanServiceDeps) {}

  async scanScreen(): Promise<ScanOutcome> {
    if (!this.deps.capture) throw new ScanError('capture-failed', 'Screen capture is not available here. Open the image file or use the camera instead.');
    const result = await this.deps.capture.captureAll();
    if (result.kind === 'cancelled') return { status: 'cancelled', message: 'Scan cancelled: no screen was shared.' };
    if (result.kind === 'permission-denied') throw new ScanError('capture-permission-denied', result.message);
    if (result.displays.length === 0) throw new ScanError('capture-failed', 'No display could be captured. Try again, or open a screenshot of the code as an image file.');
    const found: FoundPayload[] = [];
    // One display at a time, each capture handed over to the worker (not copied): peak memory
    // stays at one capture plus the decoder's working set (bench/scan.ts: dual 4K < 400 MB).
    for (const display of result.displays) {
      const codes = await this.decode(() => this.deps.decoder.decodeTransfer(display.image));
      found.push(...codes.map((c) => ({ text: c.text, source: display.label })));
    }
    return this.review(found, NO_CODE.screen);
  }

  async scanImageFile(path: string): Promise<ScanOutcome> {
    return this.scanLoaded(await loadImageFile(path), basename(path));
  }

  async scanImageBytes(bytes: Uint8Array, name: string): Promise<ScanOutcome> {
    return this.scanLoaded(await loadImageBytes(bytes, name), name);
  }

  /** Open-file dialog, then the chosen image. */
  async scanPickedFile(): Promise<ScanOutcome> {
    if (!this.deps.filePicker) throw new ScanError('file-unreadable', 'Opening files is not available here.');
    const path = await this.deps.filePicker.pickImage();
    if (path === null) return { status: 'cancelled', message: 'Scan cancelled: no file was chosen.' };
    return this.scanImageFile(path);
  }

  /** The clipboard's image, or its text when that is an otpauth / otpauth-migration link. */
  async scanClipboard(): Promise<ScanOutcome> {
    const clipboard = this.deps.clipboard;
    if (!clipboard) throw new ScanError('no-clipboard-content', 'The clipboard is not available here.');
    const image = await clipboard.readImage();
    if (image) {
      if ('encoded' in image) return this.scanLoaded(await loadImageBytes(image.encoded, 'The clipboard image'), 'Clipboard', NO_CODE.clipboard);
      const codes = await this.decode(() => this.deps.decoder.decode(flattenOnWhite(image.rgba)));
      return this.review(codes.map((c) => ({ text: c.text, source: 'Clipboard' })), NO_CODE.clipboard);
    }
    // Key material: the clipboard text may be an otpauth URI with its secret.
    const text = (await clipboard.readText()).trim();
    const scheme = payloadScheme(text);
    if (scheme === 'otpauth' || scheme === 'otpauth-migration') return this.review([{ text, source: 'Clipboard' }], NO_CODE.clipboard);
    throw new ScanError(
      'no-clipboard-content',
      text === ''
        ? 'The clipboard holds neither an image nor text. Copy the QR code image (or its otpauth:// link) and try again.'
        : 'The clipboard text is not an otpauth:// link, and the clipboard holds no image. Copy the QR code image (or its otpauth:// link) and try again.',
    );
  }

  /** Payloads decoded elsewhere (the renderer's camera worker). Key material: they may hold secrets. */
  submitPayloads(texts: readonly string[], source = 'Camera'): ScanOutcome {
    return this.review(texts.map((text) => ({ text, source })), NO_CODE.camera);
  }

  /**
   * An otpauth:// (or otpauth-migration://) link opened with the app (desktop/shell.ts, once the
   * vault is unlocked). Key material: `uri` carries the secret; it stays here. The review goes to
   * every `onExternalReview` listener (the IPC event 'scan:review-ready') and is returned; both
   * are secret-free, as every review the window gets.
   */
  receiveLink(uri: string, source = 'an opened link'): ScanReviewView {
    const review = reviewPayloads([{ text: uri.trim(), source }], {
      existing: this.deps.vault.accounts(),
      collector: this.linkCollector,
      newKey: () => randomUUID(),
      noCodeMessage: NO_CODE.link,
    });
    for (const candidate of review.candidates) this.linked.set(candidate.key, candidate);
    for (const key of this.linked.keys()) {
      if (this.linked.size <= MAX_LINK_CANDIDATES) break;
      this.linked.delete(key);
    }
    const view = toReviewView(review);
    if (view.candidates.length > 0) this.linkViews.push(view);
    this.pruneLinkViews();
    for (const listener of [...this.externalListeners]) {
      try {
        listener(view);
      } catch (error) {
        console.warn(`[scan] a review listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return view;
  }

  /**
   * Link reviews still waiting for the user (some candidate neither confirmed nor discarded), in
   * arrival order. A codes window created after the event (it was closed to the tray when the
   * link came) asks for them when it starts. Secret-free.
   */
  waitingLinkReviews(): ScanReviewView[] {
    return [...this.linkViews];
  }

  /** Subscribes to reviews of links opened with the app; returns the unsubscribe function. */
  onExternalReview(listener: ExternalReviewListener): () => void {
    this.externalListeners.add(listener);
    return () => void this.externalListeners.delete(listener);
  }

  /** Adds the picked candidates of the last review (or of a link review), in one vault save. */
  async confirm(keys: readonly string[]): Promise<AccountView[]> {
    if (keys.length === 0) return [];
    const drafts: AccountDraft[] = [];
    for (const key of new Set(keys)) {
      const candidate = this.pending.get(key) ?? this.linked.get(key);
      if (!candidate) {
        throw new ScanError('nothing-pending', 'These scan results are no longer available (another scan replaced them). Scan again and confirm.');
      }
      drafts.push(candidate.draft);
    }
    const added = await this.deps.vault.addAccounts(drafts);
    if (keys.some((key) => this.pending.has(key))) this.pending.clear();
    for (const key of keys) this.linked.delete(key);
    this.pruneLinkViews();
    return added.map(toAccountView);
  }

  /**
   * Forgets pending candidates and any partly collected export (and the secrets in them), and
   * the link candidates named by `linkKeys` (the link review the closing dialog showed). Link
   * reviews the window has queued but not shown yet stay.
   */
  discard(linkKeys: readonly string[] = []): void {
    this.pending.clear();
    this.collector.reset();
    for (const key of linkKeys) this.linked.delete(key);
    this.pruneLinkViews();
  }

  /** Forgets everything, link reviews included (the vault locked: the window drops its queue too). */
  discardAll(): void {
    this.discard();
    this.linked.clear();
    this.linkViews = [];
    this.linkCollector.reset();
  }

  private pruneLinkViews(): void {
    this.linkViews = this.linkViews.filter((view) => view.candidates.some((c) => this.linked.has(c.key)));
  }

  /** Drops pending secrets and stops the decoder worker (app shutdown). */
  async dispose(): Promise<void> {
    this.discardAll();
    this.externalListeners.clear();
    await this.deps.decoder.close();
  }

  /** The last review's candidates, for the CLI and tests (key material: drafts hold secrets). */
  pendingCandidates(): PendingCandidate[] {
    return [...this.pending.values()];
  }

  private async scanLoaded(loaded: LoadedImage, name: string, noCode: string = NO_CODE.image): Promise<ScanOutcome> {
    const codes = await this.decode(() => (loaded.kind === 'rgba' ? this.deps.decoder.decode(loaded.image) : this.deps.decoder.decodeEncoded(loaded.bytes)));
    return this.review(codes.map((c) => ({ text: c.text, source: name })), noCode);
  }

  private async decode(run: () => Promise<DecodedQr[]>): Promise<DecodedQr[]> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ScanError) throw error;
      throw new ScanError('decoder-failed', `The QR decoder failed (${error instanceof Error ? error.message : String(error)}). Nothing was added; try again.`);
    }
  }

  private review(found: FoundPayload[], noCodeMessage: string): ScanOutcome {
    const review: ScanReview = reviewPayloads(found, {
      existing: this.deps.vault.accounts(),
      collector: this.collector,
      newKey: () => randomUUID(),
      noCodeMessage,
    });
    this.pending = new Map(review.candidates.map((c) => [c.key, c]));
    return { status: 'done', review: toReviewView(review) };
  }
}
