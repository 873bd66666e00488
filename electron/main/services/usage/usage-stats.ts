import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** How often an account's code was copied, and when last: for the "most used" and "recently used" orders. */
export const AccountUsageSchema = z.object({
  count: z.number().int().nonnegative(),
  /** Unix milliseconds of the last copy. */
  lastUsedAt: z.number().nonnegative(),
});
export type AccountUsage = z.infer<typeof AccountUsageSchema>;

const UsageFileSchema = z.record(z.string().max(64), AccountUsageSchema);

/** Stats of at most this many accounts are kept (the vault holds far fewer). */
const MAX_ENTRIES = 20_000;

/**
 * Copy counts per account id, kept in `usage.json` beside the vault, outside it: counting a copy
 * must not re-encrypt and rewrite the vault (and its backups) each time. What a local reader of
 * that file learns: random account ids, counts and times, no issuer, name or secret. A damaged or
 * missing file only resets the counts. Writes are serialised, to a temporary file then renamed,
 * mode 0600.
 */
export class UsageStats {
  private stats = new Map<string, AccountUsage>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string | null) {}

  /** Loads `path` (null: in memory only, for the CLI and tests that do not need it). */
  static async open(path: string | null): Promise<UsageStats> {
    const usage = new UsageStats(path);
    if (path) {
      try {
        const parsed = UsageFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
        if (parsed.success) usage.stats = new Map(Object.entries(parsed.data).slice(0, MAX_ENTRIES));
      } catch {
        // Missing or unreadable: start counting afresh.
      }
    }
    return usage;
  }

  get(id: string): AccountUsage | undefined {
    return this.stats.get(id);
  }

  /** Counts one copy of `id` at `atMs`. Resolves once saved (a failed save is reported, counts stay in memory). */
  record(id: string, atMs: number): Promise<void> {
    const previous = this.stats.get(id);
    if (!previous && this.stats.size >= MAX_ENTRIES) return Promise.resolve();
    this.stats.set(id, { count: (previous?.count ?? 0) + 1, lastUsedAt: atMs });
    return this.save();
  }

  /** Drops the stats of accounts no longer in the vault. */
  retain(ids: ReadonlySet<string>): Promise<void> {
    let changed = false;
    for (const id of this.stats.keys()) {
      if (!ids.has(id)) {
        this.stats.delete(id);
        changed = true;
      }
    }
    return changed ? this.save() : Promise.resolve();
  }

  /** Resolves once every write asked for so far has finished (services wait for it on dispose). */
  settled(): Promise<void> {
    return this.writing;
  }

  private save(): Promise<void> {
    const path = this.path;
    if (!path) return Promise.resolve();
    const json = JSON.stringify(Object.fromEntries(this.stats));
    this.writing = this.writing.then(async () => {
      const temp = `${path}.tmp`;
      try {
        await writeFile(temp, json, { mode: 0o600 });
        await rename(temp, path);
      } catch (error) {
        console.warn(`[usage] copy counts not saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.writing;
  }
}
