import fc from 'fast-check';
import { bytesToBase64, bytesToHex } from '../../shared/import/encoding';
import { encodeMigrationPayload } from '../../shared/otp/google-migration';
import { fakeCrypto } from './fake-crypto';

/**
 * fast-check generators of *almost valid* export files: real structure with every field free to
 * be missing, of the wrong type, out of range or hostile, so the parsers' validation is what gets
 * exercised (uniformly random bytes would mostly stop at JSON.parse).
 */
const enc = new TextEncoder();

export const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const label = fc.oneof({ weight: 16, arbitrary: fc.string({ maxLength: 24 }) }, fc.string({ minLength: 250, maxLength: 300 }), fc.constant('a@b@c'), scalar);
const secret = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('JBSWY3DPEHPK3PXP', '4SJHB4GSD43FZBAI7C2HLRJGPQ', 'jbsw y3dp-ehpk 3pxp', 'JBSWY3DPEHPK3PXP====') },
  fc.stringMatching(/^[A-Za-z2-7 =-]{0,20}$/),
  fc.string({ maxLength: 20 }),
  scalar,
);
const otpType = fc.oneof({ weight: 16, arbitrary: fc.constantFrom('totp', 'hotp', 'steam', 'motp', 'yandex', 'TOTP', 'HOTP', 'STEAM') }, scalar);
const algorithm = fc.oneof({ weight: 16, arbitrary: fc.constantFrom('SHA1', 'SHA256', 'SHA512', 'MD5', 'sha512', 'SHA-1') }, scalar);
const digits = fc.oneof({ weight: 16, arbitrary: fc.integer({ min: 4, max: 10 }) }, fc.integer(), scalar);
const period = fc.oneof({ weight: 16, arbitrary: fc.constantFrom(30, 60, 20) }, fc.integer({ min: -10, max: 200_000 }), scalar);
const counter = fc.oneof({ weight: 16, arbitrary: fc.nat() }, fc.integer(), fc.double(), fc.constant(2 ** 60), scalar);

const aegisEntry = fc.record(
  {
    type: otpType,
    uuid: fc.uuid(),
    name: label,
    issuer: label,
    note: label,
    favorite: fc.oneof(fc.boolean(), scalar),
    group: label,
    groups: fc.oneof(fc.array(fc.constantFrom('g1', 'g2', 'missing'), { maxLength: 2 }), scalar),
    info: fc.oneof({ weight: 16, arbitrary: fc.record({ secret, algo: algorithm, digits, period, counter }, { requiredKeys: [] }) }, scalar),
  },
  { requiredKeys: ['type', 'info'] },
);

export const aegisContent = fc.oneof(
  { weight: 16, arbitrary: fc.record(
    {
      version: fc.oneof({ weight: 16, arbitrary: fc.constantFrom(1, 2, 3) }, fc.integer({ min: -1, max: 5 }), scalar),
      entries: fc.oneof({ weight: 16, arbitrary: fc.array(fc.oneof({ weight: 16, arbitrary: aegisEntry }, scalar), { maxLength: 4 }) }, scalar),
      groups: fc.oneof(fc.array(fc.record({ uuid: fc.constantFrom('g1', 'g2'), name: label }), { maxLength: 2 }), scalar),
    },
    { requiredKeys: ['entries'] },
  ) },
  scalar,
);

export const aegisPlainFile = fc
  .record({ version: fc.oneof({ weight: 16, arbitrary: fc.constant(1) }, scalar), db: aegisContent })
  .map(({ version, db }) => JSON.stringify({ version, header: { slots: null, params: null }, db }));

/** An encrypted Aegis file made with the fake crypto, its header then possibly damaged. */
export const aegisEncryptedFile = fc
  .record({
    db: aegisContent,
    password: fc.constantFrom('test', 'test', 'test', 'test', 'test', 'wrong', ''),
    n: fc.oneof({ weight: 16, arbitrary: fc.constant(1024) }, fc.constantFrom(0, 3, 2 ** 30), scalar),
    breakField: fc.option(fc.constantFrom('key', 'salt', 'nonce', 'tag', 'params', 'db', 'slots'), { nil: undefined, freq: 2 }),
    replacement: scalar,
  })
  .map(async ({ db, password, n, breakField, replacement }) => {
    const master = fakeCrypto.randomBytes(32);
    const salt = fakeCrypto.randomBytes(32);
    const kek = await fakeCrypto.scrypt(enc.encode('test'), salt, { n: typeof n === 'number' ? n : 1024, r: 8, p: 1 }, 32);
    const slotNonce = fakeCrypto.randomBytes(12);
    const wrapped = await fakeCrypto.aesGcmEncrypt(kek, slotNonce, master);
    const nonce = fakeCrypto.randomBytes(12);
    const sealed = await fakeCrypto.aesGcmEncrypt(master, nonce, enc.encode(JSON.stringify(db)));
    const slot: Record<string, unknown> = { type: 1, uuid: 'u', key: bytesToHex(wrapped.ciphertext), key_params: { nonce: bytesToHex(slotNonce), tag: bytesToHex(wrapped.tag) }, n, r: 8, p: 1, salt: bytesToHex(salt), repaired: true };
    const header: Record<string, unknown> = { slots: [slot], params: { nonce: bytesToHex(nonce), tag: bytesToHex(sealed.tag) } };
    const file: Record<string, unknown> = { version: 1, header, db: bytesToBase64(sealed.ciphertext) };
    if (breakField === 'key' || breakField === 'salt') slot[breakField] = replacement;
    if (breakField === 'nonce' || breakField === 'tag') (slot.key_params as Record<string, unknown>)[breakField] = replacement;
    if (breakField === 'params') header.params = replacement;
    if (breakField === 'slots') header.slots = replacement;
    if (breakField === 'db') file.db = typeof replacement === 'string' ? replacement : String(file.db).slice(0, 10);
    return { text: JSON.stringify(file), password };
  });

const twoFasService = fc.record(
  {
    name: label,
    secret,
    groupId: fc.oneof(fc.constantFrom('g1', 'nope'), scalar),
    otp: fc.oneof({ weight: 16, arbitrary: fc.record({ account: label, label, issuer: label, digits, period, counter, algorithm, tokenType: otpType }, { requiredKeys: [] }) }, scalar),
  },
  { requiredKeys: [] },
);

export const twoFasFile = fc
  .record({
    services: fc.array(fc.oneof({ weight: 16, arbitrary: twoFasService }, scalar), { maxLength: 6 }),
    schemaVersion: fc.oneof({ weight: 16, arbitrary: fc.constantFrom(1, 2, 3, 4) }, fc.integer(), scalar),
    groups: fc.oneof(fc.array(fc.record({ id: fc.constant('g1'), name: label })), scalar),
    encrypt: fc.boolean(),
    password: fc.constantFrom('test', 'test', 'wrong'),
    damage: fc.constantFrom('none', 'none', 'reference', 'services', 'shape'),
  })
  .map(async ({ services, schemaVersion, groups, encrypt, password, damage }) => {
    if (!encrypt) return { text: JSON.stringify({ services, groups, schemaVersion }), password };
    const salt = fakeCrypto.randomBytes(32);
    const key = await fakeCrypto.pbkdf2Sha256(enc.encode('test'), salt, 10_000, 32);
    const seal = async (plain: string) => {
      const iv = fakeCrypto.randomBytes(12);
      const { ciphertext, tag } = await fakeCrypto.aesGcmEncrypt(key, iv, enc.encode(plain));
      const body = new Uint8Array([...ciphertext, ...tag]);
      return `${bytesToBase64(body)}:${bytesToBase64(salt)}:${bytesToBase64(iv)}`;
    };
    let servicesEncrypted = await seal(JSON.stringify(services));
    let reference = await seal('tRViSsLKzd86');
    if (damage === 'reference') reference = `A${reference.slice(1)}`;
    if (damage === 'services') servicesEncrypted = `${servicesEncrypted.slice(0, 8)}A${servicesEncrypted.slice(9)}`;
    if (damage === 'shape') servicesEncrypted = servicesEncrypted.split(':').slice(0, 2).join(':');
    return { text: JSON.stringify({ services: [], groups, schemaVersion, servicesEncrypted, reference }), password };
  });

/** otpauth URIs assembled from free parts, optionally with Ente's codeDisplay. */
const uriPart = fc.oneof({ weight: 16, arbitrary: fc.stringMatching(/^[A-Za-z0-9 %:@.]{0,16}$/) }, fc.string({ maxLength: 16 }));
export const otpauthUri = fc
  .record({
    type: fc.oneof({ weight: 16, arbitrary: fc.constantFrom('totp', 'hotp', 'steam', 'motp') }, uriPart),
    label: uriPart,
    secret: fc.oneof(fc.constantFrom('JBSWY3DPEHPK3PXP', '4SJHB4GSD43FZBAI7C2HLRJGPQ'), uriPart),
    issuer: fc.option(uriPart, { nil: undefined }),
    algorithm: fc.option(fc.oneof(fc.constantFrom('SHA1', 'sha256', 'MD5'), uriPart), { nil: undefined }),
    digits: fc.option(fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), uriPart), { nil: undefined }),
    period: fc.option(fc.oneof(fc.integer({ min: -1, max: 100_000 }).map(String), uriPart), { nil: undefined }),
    counter: fc.option(fc.oneof(fc.nat().map(String), uriPart), { nil: undefined }),
    codeDisplay: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.record({ pinned: fc.boolean(), trashed: fc.boolean(), tags: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }), note: fc.string({ maxLength: 10 }) }).map((v) => JSON.stringify(v)), uriPart), { nil: undefined }),
  })
  .map((p) => {
    const q = [`secret=${p.secret}`];
    for (const key of ['issuer', 'algorithm', 'digits', 'period', 'counter', 'codeDisplay'] as const) {
      const value = p[key];
      if (value !== undefined) q.push(`${key}=${key === 'codeDisplay' ? encodeURIComponent(value) : value}`);
    }
    return `otpauth://${p.type}/${p.label}?${q.join('&')}`;
  });

export const uriListFile = fc.array(fc.oneof({ weight: 16, arbitrary: otpauthUri }, fc.constant(''), fc.constant('# comment'), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n'));

export const enteFile = fc.array(otpauthUri.map((u) => (u.includes('codeDisplay=') ? u : `${u}&codeDisplay=%7B%7D`)), { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n'));

export const bitwardenFile = fc
  .record({
    encrypted: fc.oneof({ weight: 16, arbitrary: fc.constant(false) }, scalar),
    folders: fc.oneof(fc.array(fc.record({ id: fc.constant('f1'), name: label })), scalar),
    items: fc.oneof(
      { weight: 16, arbitrary: fc.array(
        fc.oneof(
          { weight: 16, arbitrary: fc.record({ name: label, favorite: fc.oneof(fc.boolean(), scalar), folderId: fc.oneof(fc.constant('f1'), scalar), login: fc.oneof({ weight: 16, arbitrary: fc.record({ username: label, totp: fc.oneof(otpauthUri, secret.map((s) => (typeof s === 'string' ? `steam://${s}` : s)), secret) }, { requiredKeys: [] }) }, scalar) }, { requiredKeys: [] }) },
          scalar,
        ),
        { maxLength: 6 },
      ) },
      scalar,
    ),
  })
  .map((f) => JSON.stringify(f));

const migrationEntry = fc.record({
  secret: fc.uint8Array({ minLength: 0, maxLength: 24 }),
  name: fc.string({ maxLength: 20 }),
  issuer: fc.string({ maxLength: 20 }),
  algorithm: fc.integer({ min: 0, max: 6 }),
  digits: fc.integer({ min: 0, max: 3 }),
  type: fc.integer({ min: 0, max: 3 }),
  counter: fc.nat(),
});

/** Google migration links: valid payloads with free fields, random bytes, or damaged base64. */
export const googleMigrationFile = fc
  .array(
    fc.oneof(
      { weight: 16, arbitrary: fc.record({ entries: fc.array(migrationEntry, { maxLength: 4 }), id: fc.option(fc.nat(), { nil: null }), size: fc.integer({ min: 1, max: 3 }), index: fc.integer({ min: 0, max: 3 }) }).map(({ entries, id, size, index }) => {
        try {
          return bytesToBase64(encodeMigrationPayload({ entries, batch: { id, index, size } }));
        } catch {
          return 'AAAA';
        }
      }) },
      fc.uint8Array({ maxLength: 60 }).map(bytesToBase64),
      fc.string({ maxLength: 30 }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((datas) => datas.map((d) => `otpauth-migration://offline?data=${encodeURIComponent(d)}`).join('\n'));
