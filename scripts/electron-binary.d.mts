export declare const REPO_ROOT: string;
/** The Electron executable under node_modules/electron, or null when it is not installed. */
export declare function installedElectronBinary(root?: string): string | null;
/** TWOFOLD_REQUIRE_ELECTRON=1: a missing binary fails the _electron tests instead of skipping them. */
export declare function electronRequired(env?: Record<string, string | undefined>): boolean;
/** The unpacked app `npm run dist:e2e` built for this OS, or null. */
export declare function packagedE2eApp(root?: string, platform?: string): string | null;
