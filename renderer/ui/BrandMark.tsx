/** The Twofold mark: two overlapping rounded squares. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="3" y="3" width="18" height="18" rx="5" className="brand-back" />
      <rect x="11" y="11" width="18" height="18" rx="5" className="brand-front" />
    </svg>
  );
}
