import { createHmac } from 'node:crypto';
import type { HmacFunction } from '../../../../shared/otp/generate';

/**
 * The HMAC for OTP codes in the main process (RFC 2104, through OpenSSL), given to otpauth in
 * place of its default.
 *
 * Why not otpauth's own: it calls `createHmac(algorithm, Buffer.from(key))`, and `Buffer.from`
 * of a Uint8Array copies the key into a new Buffer (for a short key, a slice of Node's shared
 * 8 KiB allocation pool) that nothing ever zeroes, so every decoded secret would leave a copy in
 * memory after lock. Here the caller's bytes go to `createHmac` as they are: Node passes the
 * view's contents to OpenSSL without a JavaScript copy, and the key copy inside OpenSSL's HMAC
 * context is cleansed when the context is freed (at `digest()`).
 *
 * Key material: `key` is the shared secret. Never log it.
 */
export const nodeHmac: HmacFunction = (algorithm, key, message) => createHmac(algorithm, key).update(message).digest();
