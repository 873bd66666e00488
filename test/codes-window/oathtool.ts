import { execFileSync } from 'node:child_process';

/** The reference code from oathtool (Debian's oath-toolkit) for a base32 secret at `atMs`. */
export function oathtoolTotp(secret: string, atMs: number, options: { digits?: number; algorithm?: 'sha1' | 'sha256' | 'sha512'; period?: number } = {}): string {
  const when = new Date(atMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const args = [`--totp=${options.algorithm ?? 'sha1'}`, '-b', `--digits=${options.digits ?? 6}`, `--time-step-size=${options.period ?? 30}s`, `--now=${when}`, secret];
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

export function oathtoolHotp(secret: string, counter: number, digits = 6): string {
  return execFileSync('oathtool', ['--hotp', '-b', `--digits=${digits}`, `--counter=${counter}`, secret], { encoding: 'utf8' }).trim();
}
