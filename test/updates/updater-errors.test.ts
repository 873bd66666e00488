import { describe, expect, it } from 'vitest';
import { asEngineError, UpdateEngineError } from '../../electron/main/services/updates';

/** electron-updater's failures, as the service sees them (the adapter itself needs Electron). */
const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('asEngineError', () => {
  it.each([
    [coded('ERR_UPDATER_INVALID_UPDATE_INFO', 'Cannot parse update info … rawData: <html>'), 'feed-unreadable'],
    [coded('ERR_CHECKSUM_MISMATCH'), 'verification-failed'],
    [coded('ERR_UPDATER_INVALID_SIGNATURE', 'New version 9.9.9 is not signed by the application owner'), 'verification-failed'],
    [coded('ERR_STREAM_PREMATURE_CLOSE'), 'download-incomplete'],
    [coded('ECONNRESET'), 'download-incomplete'],
  ])('maps %s to %s, without passing its message on', (error, code) => {
    const mapped = asEngineError(error, 'download-failed');
    expect(mapped.code).toBe(code);
    expect(mapped.message).not.toContain('rawData');
    expect(mapped.message).not.toContain('9.9.9');
  });

  it('keeps the HTTP status of a feed request', () => {
    expect(asEngineError(Object.assign(new Error('404'), { statusCode: 404 }), 'feed-unreachable')).toMatchObject({ code: 'feed-unreachable', status: 404 });
  });

  it('falls back for anything else, including non-errors', () => {
    expect(asEngineError('boom', 'feed-unreachable').code).toBe('feed-unreachable');
    expect(asEngineError(null, 'download-failed').code).toBe('download-failed');
    const own = new UpdateEngineError('download-incomplete', 'y');
    expect(asEngineError(own, 'download-failed')).toBe(own);
  });
});
