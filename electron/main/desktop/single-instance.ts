import { findOtpauthUri, isOtpauthUri } from './otpauth-links';

/**
 * One Twofold per user: a second launch hands over to the running one (which comes to the front)
 * and exits. If the second launch was for an otpauth:// link, the link travels with it, both as
 * `additionalData` (exact, whatever the platform does to argv) and in argv (the fallback).
 *
 * @see https://www.electronjs.org/docs/latest/api/app#apprequestsingleinstancelockadditionaldata
 */
export interface SingleInstanceApp {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
}

export interface SecondLaunch {
  /** The otpauth link the second launch was opened with, if any. Key material: never log it. */
  otpauthUri: string | null;
}

/**
 * Returns true when this process holds the lock (carry on starting), false when another Twofold
 * runs (it has been told; quit now).
 */
export function claimSingleInstance(
  app: SingleInstanceApp,
  options: { argv: readonly string[]; onSecondLaunch: (launch: SecondLaunch) => void },
): boolean {
  const ownUri = findOtpauthUri(options.argv);
  const gotLock = app.requestSingleInstanceLock(ownUri ? { otpauthUri: ownUri } : {});
  if (!gotLock) return false;
  app.on('second-instance', (_event, argv, _cwd, additionalData) => {
    options.onSecondLaunch({ otpauthUri: otpauthUriFrom(additionalData) ?? findOtpauthUri(argv) });
  });
  return true;
}

function otpauthUriFrom(additionalData: unknown): string | null {
  if (typeof additionalData !== 'object' || additionalData === null) return null;
  const uri = (additionalData as { otpauthUri?: unknown }).otpauthUri;
  return isOtpauthUri(uri) ? uri : null;
}
