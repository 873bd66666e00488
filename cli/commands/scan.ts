import type { AccountDraft } from '../../shared/otp/account';
import { classifyPayload, redactPayload, type ClassifiedPayload } from '../../shared/scan/classify-payload';
import { isScanError } from '../../shared/scan/scan-errors';
import { loadImageFile } from '../../electron/main/services/scan/image-loader';
import { WorkerQrDecoder } from '../../electron/main/services/scan/worker-qr-decoder';
import { CliError } from '../cli-errors';
import { printable, type CliIo } from '../cli-io';
import { defineCommand } from '../command';

/**
 * `twofold scan <image>... [--json] [--reveal]`: lists the QR payloads in each image and the
 * accounts they decode to. Adds nothing to any vault. Secrets (otpauth `secret`, export `data`)
 * are redacted unless --reveal. An unreadable or unsupported file gets one line on stderr; the
 * other files are still scanned and the exit status is 1 at the end.
 *
 * Key material: with --reveal the output holds secrets; without it, none.
 */
export default defineCommand({
  name: 'scan',
  usage: ['twofold scan <image>... [--json] [--reveal]'],
  help: [
    '  --json    one JSON object per file, one per line: {"file", "ms", "payloads", "accounts"}',
    '  --reveal  print secrets (otpauth secret=, export data=) instead of REDACTED',
    'Images: PNG, JPEG, WebP, BMP or GIF, up to 100 megapixels. Nothing is added to the vault.',
  ],
  options: { json: { type: 'boolean' }, reveal: { type: 'boolean' } },
  positionals: { min: 1, max: 1000, names: '<image>...' },
  async run({ positionals, values, io }) {
    const decoder = new WorkerQrDecoder();
    let failed = 0;
    try {
      for (const file of positionals) {
        const started = performance.now();
        let texts: string[];
        try {
          const loaded = await loadImageFile(file);
          const codes = loaded.kind === 'rgba' ? await decoder.decode(loaded.image) : await decoder.decodeEncoded(loaded.bytes);
          texts = [...new Set(codes.map((c) => c.text))];
        } catch (error) {
          // One bad file must not stop the others (the decoder restarts itself after a crash).
          failed++;
          const message = isScanError(error) ? error.message : `could not be scanned (${error instanceof Error ? error.message : String(error)})`;
          io.err(`twofold: ${printable(file)}: ${printable(message)}\n`);
          continue;
        }
        const ms = Math.round(performance.now() - started);
        const reveal = values.reveal === true;
        const report = texts.map((text) => ({ text, payload: classifyPayload(text) }));
        if (values.json) io.out(`${JSON.stringify(jsonLine(file, ms, report, reveal))}\n`);
        else printText(io, file, ms, report, reveal);
      }
    } finally {
      await decoder.close();
    }
    if (failed > 0) throw new CliError(`${failed} of ${positionals.length} file${positionals.length === 1 ? '' : 's'} could not be scanned (see above).`);
  },
});

interface Found {
  text: string;
  payload: ClassifiedPayload;
}

function accountsOf(payload: ClassifiedPayload): AccountDraft[] {
  if (payload.kind === 'otpauth') return [payload.draft];
  if (payload.kind === 'migration') return payload.page.accounts;
  return [];
}

function accountJson(draft: AccountDraft, reveal: boolean) {
  const { otp } = draft;
  return {
    issuer: draft.issuer,
    account: draft.name,
    type: otp.type,
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.type === 'hotp' ? null : otp.period,
    counter: otp.type === 'hotp' ? otp.counter : null,
    ...(reveal ? { secret: otp.secret } : {}),
  };
}

function notesOf(payload: ClassifiedPayload): string[] {
  switch (payload.kind) {
    case 'foreign':
    case 'invalid':
      return [payload.message];
    case 'migration': {
      const { batch, unsupported } = payload.page;
      const notes = unsupported.map((u) => `${[u.issuer, u.name].filter(Boolean).join(' — ') || 'an account'} cannot be imported: ${u.reason}`);
      if (batch.size > 1) notes.unshift(`Google Authenticator export, page ${batch.index + 1} of ${batch.size}`);
      return notes;
    }
    case 'otpauth':
      return [];
  }
}

function jsonLine(file: string, ms: number, found: Found[], reveal: boolean) {
  return {
    file,
    ms,
    payloads: found.map((f) => (reveal ? f.text : redactPayload(f.text))),
    accounts: found.flatMap((f) => accountsOf(f.payload).map((d) => accountJson(d, reveal))),
    notes: found.flatMap((f) => notesOf(f.payload)),
  };
}

function describeAccount(d: AccountDraft): string {
  const { otp } = d;
  const timing = otp.type === 'hotp' ? `counter ${otp.counter}` : `${otp.period} s`;
  const who = [printable(d.issuer), printable(d.name)].filter((s) => s !== '').join(' / ') || '(no name)';
  return `${who}  (${otp.type}, ${otp.algorithm}, ${otp.digits} digits, ${timing})`;
}

function printText(io: CliIo, file: string, ms: number, found: Found[], reveal: boolean): void {
  const count = found.length === 0 ? 'no QR code found' : `${found.length} QR code${found.length === 1 ? '' : 's'}`;
  io.out(`${printable(file)}  (${ms} ms): ${count}\n`);
  for (const { text, payload } of found) {
    io.out(`  ${printable(reveal ? text : redactPayload(text))}\n`);
    for (const draft of accountsOf(payload)) io.out(`    account: ${describeAccount(draft)}${reveal ? `  secret ${draft.otp.secret}` : ''}\n`);
    for (const note of notesOf(payload)) io.out(`    ${printable(note)}\n`);
  }
}
