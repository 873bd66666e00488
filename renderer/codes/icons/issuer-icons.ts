import type { SimpleIcon } from 'simple-icons';
import { ISSUER_ICONS } from './issuer-icon-catalog';

/** An icon to draw: an SVG path on a 24×24 canvas and the brand colour (hex, no #). */
export interface IssuerIcon {
  title: string;
  path: string;
  hex: string;
}

interface IconIndex {
  byName: Map<string, SimpleIcon>;
  byDomain: Map<string, SimpleIcon>;
}

let index: IconIndex | null = null;

/** "Proton Mail" → "protonmail", "battle.net" → "battlenet": how names are compared. */
function normalise(text: string): string {
  return text
    .toLocaleLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

function buildIndex(): IconIndex {
  const byName = new Map<string, SimpleIcon>();
  const byDomain = new Map<string, SimpleIcon>();
  for (const [icon, domains] of ISSUER_ICONS) {
    for (const key of [icon.slug, normalise(icon.title)]) if (key && !byName.has(key)) byName.set(key, icon);
    for (const domain of domains) {
      byDomain.set(domain, icon);
      // "github.com" also matches an issuer written "GitHub.com" or "github".
      const stem = normalise(domain.split('.')[0] ?? '');
      if (stem.length > 2 && !byName.has(stem)) byName.set(stem, icon);
    }
  }
  return { byName, byDomain };
}

/** Host names found in a text: "alice@mail.github.com", "https://gitlab.com/x", "GitHub.com". */
function domainsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.toLocaleLowerCase().matchAll(/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/g)) {
    const labels = (match[1] ?? '').split('.');
    // Try the host and each parent: "mail.github.com" → "mail.github.com", "github.com".
    for (let i = 0; i < labels.length - 1; i += 1) found.push(labels.slice(i).join('.'));
  }
  return found;
}

/**
 * The bundled icon for an account, matched on the issuer's name first ("GitHub", "Proton Mail"),
 * then on a domain in the issuer or the account name ("alice@gitlab.com"), else null (the
 * avatar shows the letter). Pure lookup in a table built once: no network, no file access.
 */
export function issuerIconFor(account: { issuer: string; name: string }): IssuerIcon | null {
  index ??= buildIndex();
  const issuer = account.issuer.trim();
  const byName = issuer ? index.byName.get(normalise(issuer)) : undefined;
  const icon = byName ?? [...domainsIn(issuer), ...domainsIn(account.name)].map((d) => index?.byDomain.get(d)).find((i) => i !== undefined);
  return icon ? { title: icon.title, path: icon.path, hex: icon.hex } : null;
}

/** Relative luminance (WCAG 2.x) of a hex colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}
