export declare const REPO_ROOT: string;
/** The Electron executable under node_modules/electron, or null when it is not installed. */
export declare function installedElectronBinary(root?: string): string | null;
