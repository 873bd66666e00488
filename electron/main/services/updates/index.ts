export { UpdateService, DAY_MS, MANUAL_CHECK_GAP_MS, type UpdateServiceOptions, type UnsupportedReason } from './update-service';
export { UpdateEngineError, type UpdateEngine, type DownloadedUpdate, type UpdateEngineErrorCode } from './update-engine';
export { FeedUpdateEngine, type FeedUpdateEngineOptions } from './feed-update-engine';
export { UpdateInfoSchema, type UpdateInfo, type UpdateFile } from './update-info';
export { parseReleaseVersion, compareReleaseVersions } from './release-version';
export { updateSupport, type InstallFacts } from './update-support';
export { asEngineError } from './updater-errors';
