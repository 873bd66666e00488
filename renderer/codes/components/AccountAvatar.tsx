import { useMemo, type CSSProperties } from 'react';
import { issuerIconFor, luminance } from '../icons/issuer-icons';

/** A coloured initial for the issuer, used when no bundled icon matches. */
const HUES = [214, 262, 330, 12, 32, 150, 178, 196, 290, 88];

/**
 * The account's picture: the user's own image if they set one, else the issuer's bundled brand icon (simple-icons, matched by issuer and
 * domain), else a coloured initial. Nothing is fetched: icons are compiled into the app, and the
 * page's CSP forbids remote images anyway.
 */
export function AccountAvatar({ title, issuer, name, custom }: { title: string; issuer: string; name: string; custom?: string | undefined }) {
  const icon = useMemo(() => issuerIconFor({ issuer, name }), [issuer, name]);
  if (custom) {
    // The user's own picture: a 64×64 PNG main re-encoded from the file they chose.
    return (
      <span className="avatar avatar-custom" aria-hidden="true" data-icon="custom">
        <img src={`data:image/png;base64,${custom}`} alt="" width="36" height="36" />
      </span>
    );
  }
  if (icon) {
    // A brand colour too close to the tile's own (near-black in dark mode, near-white in light)
    // is drawn in the text colour instead, so every icon stays visible.
    const l = luminance(icon.hex);
    const tone = l < 0.08 ? 'is-dark-brand' : l > 0.75 ? 'is-light-brand' : '';
    return (
      <span className={`avatar avatar-icon ${tone}`.trim()} style={{ '--brand': `#${icon.hex}` } as CSSProperties} aria-hidden="true" data-icon={icon.title}>
        <svg viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path d={icon.path} />
        </svg>
      </span>
    );
  }
  const letter = [...title.trim()][0]?.toLocaleUpperCase() ?? '?';
  let hash = 0;
  for (const char of title.toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  const hue = HUES[hash % HUES.length] ?? 214;
  return (
    <span className="avatar" style={{ '--hue': hue } as CSSProperties} aria-hidden="true" data-letter={letter}>
      {letter}
    </span>
  );
}
