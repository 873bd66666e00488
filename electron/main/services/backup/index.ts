export { BackupService, type BackupNotifier, type BackupStatus, type BackupVersion, type FolderDialogPort } from './backup-service';
export { BackupError } from './backup-errors';
export { nodeBackupFiles, type BackupFiles } from './backup-files';
