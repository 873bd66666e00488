/**
 * The admin API contract, written once and used by the reference server (validation, OpenAPI)
 * and by the desktop admin client (types, paths, problem parsing).
 */
export * from './problems';
export * from './common-schemas';
export * from './auth-schemas';
export * from './mfa-schemas';
export * from './recovery-codes';
export * from './user-schemas';
export * from './routes';
export * from './client-types';
export * from './openapi';
export * from './rules';
