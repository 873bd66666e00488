import type { CSSProperties } from 'react';

/** A coloured initial for the issuer (no remote logos: nothing leaves the machine). */
const HUES = [214, 262, 330, 12, 32, 150, 178, 196, 290, 88];

export function AccountAvatar({ title }: { title: string }) {
  const letter = [...title.trim()][0]?.toLocaleUpperCase() ?? '?';
  let hash = 0;
  for (const char of title.toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  const hue = HUES[hash % HUES.length] ?? 214;
  return (
    <span className="avatar" style={{ '--hue': hue } as CSSProperties} aria-hidden="true">
      {letter}
    </span>
  );
}
