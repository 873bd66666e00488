export { ConfSettingsStore, type ConfSettingsStoreOptions } from './conf-settings-store';
export { APP_NAME, appDataDir, defaultVaultPath, userDataDir, VAULT_FILE_NAME, SETTINGS_FILE_NAME, type PlatformEnv } from './user-data-dir';
