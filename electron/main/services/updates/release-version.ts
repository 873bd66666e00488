/**
 * Release versions as the update feed names them. Only plain MAJOR.MINOR.PATCH is accepted:
 * Twofold publishes no pre-releases, so a feed naming `1.0.0-evil` or `1.0.0+x` is refused
 * outright instead of being ordered by SemVer's pre-release rules (which would rank
 * `9.9.9-evil` above every real release below 9.9.9).
 * @see https://semver.org/#spec-item-2 (numeric identifiers, no leading zeros)
 */
const RELEASE = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

export type ReleaseVersion = readonly [major: number, minor: number, patch: number];

/** The three numbers of a release version, or null for anything else (pre-release, build, garbage). */
export function parseReleaseVersion(text: unknown): ReleaseVersion | null {
  if (typeof text !== 'string' || text.length > 32) return null;
  const m = RELEASE.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareReleaseVersions(a: ReleaseVersion, b: ReleaseVersion): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
