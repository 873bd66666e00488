import { generateCode } from '../../shared/otp/generate';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { UsageError } from '../cli-errors';
import { uriArgument } from '../cli-io';
import { defineCommand } from '../command';

/** `twofold code <otpauth-uri> [--at <unix-seconds>]`: no vault involved, nothing stored. */
export default defineCommand({
  name: 'code',
  usage: ['twofold code <otpauth-uri | -> [--at <unix-seconds>]'],
  help: [
    '  --at <unix-seconds>  the instant to compute the code for (default: now)',
    'Give - to read the URI from standard input (its secret then stays out of the process list and shell history).',
    'For an HOTP URI the code of its counter parameter is printed.',
  ],
  options: { at: { type: 'string' } },
  positionals: { min: 1, max: 1, names: '<otpauth-uri>' },
  async run({ positionals, values, io }) {
    const atMs = typeof values.at === 'string' ? parseUnixSeconds(values.at) * 1000 : Date.now();
    const draft = parseOtpauthUri(await uriArgument(positionals[0]!, io));
    io.out(`${generateCode(draft.otp, atMs)}\n`);
  },
});

function parseUnixSeconds(text: string): number {
  if (!/^\d{1,12}(\.\d+)?$/.test(text)) {
    throw new UsageError(`--at expects Unix seconds (a number such as 1700000000), not "${text}".`);
  }
  return Number(text);
}
