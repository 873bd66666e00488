import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PolicySchema, type Policy } from '../../shared/admin-api';

export const POLICY_FILE = 'mfa.json';
export const DEFAULT_ISSUER = 'Twofold';

/**
 * The MFA policy in `mfa.json`. Writes are atomic: a temporary file is written and fsynced,
 * renamed over the old one, and the directory fsynced, so a crash leaves the old or the new
 * policy, never half of one. An unreadable file is an error, never silently replaced.
 */
export class PolicyFile {
  private current: Policy;

  constructor(
    private readonly dataDir: string,
    now: number,
    defaultIssuer: string = DEFAULT_ISSUER,
  ) {
    const loaded = this.load();
    if (loaded) {
      this.current = loaded;
    } else {
      this.current = {
        enabled: true,
        enforcementMode: 'Optional',
        issuer: defaultIssuer,
        version: 1,
        updatedAt: new Date(now).toISOString(),
        updatedBy: null,
        gracePeriodDays: 0,
      };
      this.write(this.current);
    }
  }

  get path(): string {
    return join(this.dataDir, POLICY_FILE);
  }

  get(): Policy {
    return this.current;
  }

  /** Writes the next version. Throws when the disk write fails (the caller's transaction rolls back). */
  save(next: Omit<Policy, 'version' | 'updatedAt' | 'gracePeriodDays'> & { gracePeriodDays?: number }, now: number): Policy {
    const policy: Policy = {
      ...next,
      gracePeriodDays: next.gracePeriodDays ?? this.current.gracePeriodDays,
      version: this.current.version + 1,
      updatedAt: new Date(now).toISOString(),
    };
    this.write(policy);
    this.current = policy;
    return policy;
  }

  private load(): Policy | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${this.path} is not valid JSON. Fix it by hand or restore it from a backup; it was left untouched.`);
    }
    const parsed = PolicySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${this.path} is not a valid policy (${issue?.path.join('.') || 'root'}: ${issue?.message}). It was left untouched.`);
    }
    return parsed.data;
  }

  private write(policy: Policy): void {
    const tmp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(policy, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    const dirFd = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
