/** Backup failures the window shows as they are: a stable code and a message that says what to do. */
export type BackupErrorCode = 'wrong-password' | 'not-configured' | 'folder-unavailable' | 'not-a-backup';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
