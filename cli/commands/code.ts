import { generateCode, parseOtpauthUri } from '../../shared/otp';
import { UsageError } from '../cli-errors';
import { defineCommand } from '../command';

/** `twofold code <otpauth-uri> [--at <unix-seconds>]`: no vault involved, nothing stored. */
export default defineCommand({
  name: 'code',
  usage: ['twofold code <otpauth-uri> [--at <unix-seconds>]'],
  help: [
    '  --at <unix-seconds>  the instant to compute the code for (default: now)',
    'Quote the URI: it contains & and ? that the shell would otherwise interpret.',
    'For an HOTP URI the code of its counter parameter is printed.',
  ],
  options: { at: { type: 'string' } },
  positionals: { min: 1, max: 1, names: '<otpauth-uri>' },
  async run({ positionals, values, io }) {
    const atMs = typeof values.at === 'string' ? parseUnixSeconds(values.at) * 1000 : Date.now();
    const draft = parseOtpauthUri(positionals[0]!);
    io.out(`${generateCode(draft.otp, atMs)}\n`);
  },
});

function parseUnixSeconds(text: string): number {
  if (!/^\d{1,12}(\.\d+)?$/.test(text)) {
    throw new UsageError(`--at expects Unix seconds (a number such as 1700000000), not "${text}".`);
  }
  return Number(text);
}
