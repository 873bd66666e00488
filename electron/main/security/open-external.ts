/**
 * `shell.openExternal` hands a URL to the OS, which may run any registered handler (file:,
 * smb:, custom schemes that execute programs). So Twofold only ever opens https URLs that the app
 * itself chose, listed here, compared exactly after URL normalisation. A renderer can ask to
 * open one of these by its key; it can never supply a URL.
 *
 * @see https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content
 */
export const EXTERNAL_LINKS = {
  // The specifications the code view cites (shown from the About panel).
  'rfc:4226': 'https://www.rfc-editor.org/rfc/rfc4226',
  'rfc:6238': 'https://www.rfc-editor.org/rfc/rfc6238',
  'rfc:9457': 'https://www.rfc-editor.org/rfc/rfc9457',
} as const satisfies Record<string, string>;

export type ExternalLinkKey = keyof typeof EXTERNAL_LINKS;

export class ExternalLinkRefused extends Error {
  readonly code = 'external-link-refused';
  constructor(readonly url: string, reason: string) {
    super(`Twofold refused to open ${JSON.stringify(url)}: ${reason}. Only the https help links built into Twofold can be opened.`);
    this.name = 'ExternalLinkRefused';
  }
}

function normalise(url: string): string | null {
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}

/** Why `url` may not be opened, or null when it may (https and on the allow-list). */
export function externalUrlRefusal(url: string, allowList: readonly string[]): string | null {
  const href = normalise(url);
  if (href === null) return 'it is not a valid URL';
  const parsed = new URL(href);
  if (parsed.protocol !== 'https:') return `its scheme is ${parsed.protocol} (only https: is opened)`;
  if (parsed.username !== '' || parsed.password !== '') return 'it carries credentials';
  const allowed = new Set(allowList.map((u) => normalise(u)));
  if (!allowed.has(href)) return 'it is not one of the links Twofold ships';
  return null;
}

export interface SafeOpenExternal {
  /** Opens an allow-listed https URL; throws ExternalLinkRefused otherwise (the OS never sees it). */
  openUrl(url: string): Promise<void>;
  /** Opens the link Twofold ships under `key`. */
  openLink(key: ExternalLinkKey): Promise<void>;
  /** True when `openUrl(url)` would open it. */
  isAllowed(url: string): boolean;
}

export function createSafeOpenExternal(
  shell: { openExternal(url: string): Promise<void> },
  links: Readonly<Record<string, string>> = EXTERNAL_LINKS,
): SafeOpenExternal {
  const allowList = Object.values(links);
  const openUrl = async (url: string): Promise<void> => {
    const refusal = externalUrlRefusal(url, allowList);
    if (refusal !== null) throw new ExternalLinkRefused(url, refusal);
    await shell.openExternal(new URL(url).href);
  };
  return {
    openUrl,
    openLink: (key) => {
      const url = links[key];
      if (url === undefined) return Promise.reject(new ExternalLinkRefused(String(key), 'no such link'));
      return openUrl(url);
    },
    isAllowed: (url) => externalUrlRefusal(url, allowList) === null,
  };
}
