import type { codesChannels } from '../../../../shared/ipc/codes-channels';
import type { Handlers } from '../dispatcher';
import type { CoreServices } from './services';

/** Codes computed in main; copying happens here too, so the clear can be guarded. */
export function createCodesHandlers({ vault, codes, settings, clipboard }: CoreServices): Handlers<typeof codesChannels> {
  return {
    'codes:current': () => codes.currentCodes(),
    'codes:copy': async (id) => {
      const view = codes.codeFor(id);
      const clearsInSeconds = settings.get().clipboardClearSeconds;
      await clipboard.copy(view.code, clearsInSeconds);
      vault.touch();
      return { clearsInSeconds };
    },
    'codes:hotp-next': (id) => codes.advanceHotp(id),
  };
}
