import { UpdateEngineError } from './update-engine';

/**
 * electron-updater's failures (errors with a `code` from builder-util-runtime, HttpError with a
 * `statusCode`) as the port's codes, so the service's messages do not depend on its wording.
 * Its messages are not passed on: they can quote the whole feed (`rawData: …`).
 */
export function asEngineError(error: unknown, fallback: 'feed-unreachable' | 'download-failed'): UpdateEngineError {
  if (error instanceof UpdateEngineError) return error;
  const e = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  switch (e.code) {
    case 'ERR_UPDATER_INVALID_UPDATE_INFO':
      return new UpdateEngineError('feed-unreadable', 'unreadable update description');
    case 'ERR_CHECKSUM_MISMATCH':
      return new UpdateEngineError('verification-failed', 'SHA-512 checksum mismatch');
    case 'ERR_UPDATER_INVALID_SIGNATURE':
      return new UpdateEngineError('verification-failed', 'the code signature is missing or not the publisher’s');
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'ECONNRESET':
      return new UpdateEngineError('download-incomplete', 'connection closed');
    default:
      break;
  }
  if (typeof e.statusCode === 'number') return new UpdateEngineError('feed-unreachable', `HTTP ${e.statusCode}`, e.statusCode);
  return new UpdateEngineError(fallback, 'updater error');
}
