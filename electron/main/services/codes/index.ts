export { CodesService, type CodesVault } from './codes-service';
export { CodePrivacy, type CodePrivacySettings } from './code-privacy';
export { CodesError, type CodesErrorCode } from './codes-error';
export { copyAccountCode, type CopyDeps } from './copy-code';
