import { createDecipheriv, scryptSync } from 'node:crypto';

/**
 * An Aegis vault reader written for the tests from Aegis's own format document
 * (beemdevelopment/Aegis docs/vault.md), independent of Twofold's importer: it checks the
 * documented fields and decrypts with node:crypto directly.
 *
 * - Top level `{version: 1, header: {slots, params: {nonce, tag}}, db}`; `db` is the Base64 (with
 *   padding) ciphertext of the content; nonces and tags are hex.
 * - A password slot: `{type: 1, uuid, key, key_params: {nonce, tag}, n, r, p, salt}`; the key is
 *   scrypt(password, salt, N, r, p) → 256 bits, which AES-256-GCM-decrypts `key` to the master key.
 * - The content: `{version, entries: [{type, uuid, name, issuer, icon, info: {secret, algo, digits,
 *   period | counter}}]}`, secrets base32 without padding.
 */
export interface AegisEntry {
  type: string;
  uuid: string;
  name: string;
  issuer: string;
  info: { secret: string; algo: string; digits: number; period?: number; counter?: number };
}

const HEX = (bytes: number) => new RegExp(`^[0-9a-f]{${bytes * 2}}$`);

export function readAegisVault(text: string, password: string): { entries: AegisEntry[]; content: Record<string, unknown> } {
  const file = JSON.parse(text) as Record<string, unknown>;
  expectField(file.version === 1, 'version is 1');
  const header = file.header as { slots: unknown[]; params: { nonce: string; tag: string } };
  expectField(Array.isArray(header?.slots) && header.slots.length > 0, 'header.slots is a non-empty list');
  expectField(HEX(12).test(header.params?.nonce) && HEX(16).test(header.params?.tag), 'header.params has a 96-bit nonce and a 128-bit tag in hex');
  expectField(typeof file.db === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(file.db) && file.db.length % 4 === 0, 'db is padded Base64');
  let masterKey: Buffer | null = null;
  for (const raw of header.slots) {
    const slot = raw as { type: number; uuid: string; key: string; key_params: { nonce: string; tag: string }; n: number; r: number; p: number; salt: string };
    if (slot.type !== 1) continue;
    expectField(/^[0-9a-f-]{36}$/.test(slot.uuid), 'slot.uuid is a UUID');
    expectField(HEX(32).test(slot.key) && HEX(12).test(slot.key_params.nonce) && HEX(16).test(slot.key_params.tag), 'slot key and key_params in hex');
    expectField(HEX(32).test(slot.salt) && Number.isInteger(slot.n) && Number.isInteger(slot.r) && Number.isInteger(slot.p), 'slot n, r, p and a 256-bit salt');
    const derived = scryptSync(Buffer.from(password, 'utf8'), Buffer.from(slot.salt, 'hex'), 32, { N: slot.n, r: slot.r, p: slot.p, maxmem: 256 * slot.n * slot.r + 1024 * 1024 });
    masterKey = gcm(derived, slot.key_params.nonce, slot.key_params.tag, Buffer.from(slot.key, 'hex'));
    if (masterKey) break;
  }
  if (!masterKey) throw new Error('no password slot opens with this password');
  const plain = gcm(masterKey, header.params.nonce, header.params.tag, Buffer.from(file.db as string, 'base64'));
  if (!plain) throw new Error('the content does not decrypt with the master key');
  const content = JSON.parse(plain.toString('utf8')) as { version: number; entries: AegisEntry[] };
  expectField(Number.isInteger(content.version) && Array.isArray(content.entries), 'content has version and entries');
  for (const entry of content.entries) {
    expectField(['totp', 'hotp', 'steam'].includes(entry.type) && /^[0-9a-f-]{36}$/.test(entry.uuid), 'entry type and uuid');
    expectField(typeof entry.name === 'string' && typeof entry.issuer === 'string', 'entry name and issuer');
    expectField(/^[A-Z2-7]+$/.test(entry.info.secret) && ['SHA1', 'SHA256', 'SHA512'].includes(entry.info.algo) && Number.isInteger(entry.info.digits), 'entry info secret, algo, digits');
    expectField(entry.type === 'hotp' ? Number.isInteger(entry.info.counter) : Number.isInteger(entry.info.period), 'entry info period or counter');
  }
  return { entries: content.entries, content: content as unknown as Record<string, unknown> };
}

function gcm(key: Buffer, nonceHex: string, tagHex: string, data: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonceHex, 'hex'));
    decipher.setAuthTag(Buffer.from(tagHex, 'hex'));
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return null;
  }
}

function expectField(ok: boolean, what: string): void {
  if (!ok) throw new Error(`not an Aegis vault as docs/vault.md describes it: expected ${what}`);
}
