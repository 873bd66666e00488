export { PasswordGate, type PasswordGateOptions, type GateCheckOptions } from './password-gate';
export { refuseAllConfirmations, type ConfirmDialogPort, type ConfirmRequest } from './confirm-dialog';
export { insecureKeychainConsent } from './keychain-consent';
export { settingsRollbackPort } from './rollback-port';
