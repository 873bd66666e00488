import type { UpdateFile, UpdateInfo } from './update-info';

/**
 * The updater behind a port. In the app it is electron-updater (GitHub provider) in
 * electron/main/adapters/electron-updater-engine.ts; in tests, FeedUpdateEngine over plain HTTP.
 * The engine only moves bytes and runs installers; every decision (whether to ask the network
 * at all, what to offer, what to refuse, whether a download may be installed) is the
 * UpdateService's.
 */
export interface UpdateEngine {
  /** Fetches the update feed (latest*.yml) and returns it parsed but unchecked. Throws UpdateEngineError. */
  fetchFeed(): Promise<unknown>;
  /**
   * Downloads the update the feed described into the engine's cache and returns the downloaded
   * file with the feed entry it claims to be. A partial file is deleted before this throws.
   */
  download(info: UpdateInfo): Promise<DownloadedUpdate>;
  /** Deletes a downloaded file (one that failed verification). Never throws for a missing file. */
  discard(file: string): Promise<void>;
  /** The verified download may be installed when the app quits (never armed before verification). */
  installOnQuit(): void;
  /** Quits and installs the downloaded update (the user said yes). */
  install(): void;
}

export interface DownloadedUpdate {
  /** Absolute path of the downloaded installer/archive. */
  file: string;
  /** The feed entry it was downloaded for: its published SHA-512 is checked again before install. */
  entry: UpdateFile;
}

/** What went wrong in the engine, as a stable code the service turns into a message. */
export type UpdateEngineErrorCode =
  /** No answer, DNS, TLS or a non-2xx status (`status` set for HTTP errors). */
  | 'feed-unreachable'
  /** The feed answered something that does not parse as YAML/JSON. */
  | 'feed-unreadable'
  /** The connection ended before the announced size arrived, or more bytes came than announced. */
  | 'download-incomplete'
  /** The engine's own check refused the file: SHA-512 mismatch, or a code signature that is missing or not ours. */
  | 'verification-failed'
  | 'download-failed';

export class UpdateEngineError extends Error {
  override readonly name = 'UpdateEngineError';
  constructor(
    readonly code: UpdateEngineErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
