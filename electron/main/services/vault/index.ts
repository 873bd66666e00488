export * from './vault-types';
export { VaultService, type VaultServiceOptions } from './vault-service';
export { backupPathOf } from './vault-file';
export { MIN_PASSWORD_LENGTH } from './vault-slots';
