import type { Session } from 'electron';
import { isAppOrigin, isAppUrl } from './app-origin';

/**
 * Which web permissions Twofold's pages get: the camera (to scan a QR code) and display capture
 * (to scan the screen), video only, only for our own pages in their main frame. Every other
 * permission, every other origin, and microphone or system-audio requests are refused, both when
 * a page checks (`navigator.permissions`, pre-flight checks) and when it requests.
 *
 * @see https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 * @see https://www.electronjs.org/docs/latest/api/session#sessetpermissionrequesthandlerhandler
 */
export const GRANTABLE_PERMISSIONS = ['media', 'display-capture'] as const;

export interface PermissionRequestFacts {
  permission: string;
  /** The URL the requesting frame last loaded (`details.requestingUrl`). */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
  /** For media and display-capture: 'video' (camera / screen) and/or 'audio' (microphone / sound). */
  mediaTypes?: readonly string[] | undefined;
}

export interface PermissionCheckFacts {
  permission: string;
  requestingOrigin: string;
  isMainFrame: boolean;
  /** For media checks: 'video', 'audio' or 'unknown'. */
  mediaType?: string | undefined;
}

function grantable(permission: string): boolean {
  return (GRANTABLE_PERMISSIONS as readonly string[]).includes(permission);
}

/** true grants the request. */
export function decidePermissionRequest(facts: PermissionRequestFacts): boolean {
  if (!grantable(facts.permission)) return false;
  if (!facts.isMainFrame || facts.requestingUrl === undefined || !isAppUrl(facts.requestingUrl)) return false;
  // Camera yes, microphone no; screen yes, system audio no. An empty list is not a video request.
  const types = facts.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/** true tells the page the permission is available. */
export function decidePermissionCheck(facts: PermissionCheckFacts): boolean {
  if (!grantable(facts.permission)) return false;
  if (!facts.isMainFrame || !isAppOrigin(facts.requestingOrigin)) return false;
  if (facts.permission === 'media') return facts.mediaType === 'video';
  return true;
}

export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      decidePermissionRequest({
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: media,
      }),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermissionCheck({ permission, requestingOrigin, isMainFrame: details.isMainFrame, mediaType: details.mediaType }),
  );
}
