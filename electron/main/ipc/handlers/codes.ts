import type { codesChannels } from '../../../../shared/ipc/codes-channels';
import { copyAccountCode } from '../../services/codes';
import type { Clock } from '../../services/clock';
import type { Handlers } from '../dispatcher';
import type { CoreServices } from './services';

/**
 * Codes computed in main; copying happens here too, so the clear can be guarded. Every view goes
 * through `privacy.present`: with "hide codes" on, no digit leaves main unless the user revealed
 * that account (see CodePrivacy).
 */
export function createCodesHandlers(services: CoreServices & { clock: Clock }): Handlers<typeof codesChannels> {
  const { codes, settings, privacy } = services;
  return {
    'codes:current': (ids) => {
      const current = settings.get();
      // Every account's window is still worked out (the calculator caches each period's codes and
      // drops deleted accounts' secrets only when it sees the whole vault); only the ones asked
      // for are presented and sent.
      const wanted = ids && new Set(ids);
      const views = codes.currentCodes();
      return (wanted ? views.filter((view) => wanted.has(view.id)) : views).map((view) => privacy.present(view, current));
    },
    'codes:copy': (id) => copyAccountCode(services, id, 'current'),
    'codes:copy-next': (id) => copyAccountCode(services, id, 'next'),
    'codes:reveal': (id) => {
      const view = codes.codeFor(id);
      privacy.reveal(id);
      services.vault.touch();
      return privacy.present(view, settings.get());
    },
    'codes:hotp-next': async (id) => privacy.present(await codes.advanceHotp(id), settings.get()),
  };
}
