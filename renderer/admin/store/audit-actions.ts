import type { DesktopApi } from '../../../shared/ipc/desktop-api';
import type { AppError } from '../../../shared/result';
import type { AdminActions, AdminState } from './admin-store';
import { auditTimeRange } from './audit-time-range';

interface AuditDeps {
  api: DesktopApi;
  get: () => AdminState;
  set: (partial: Partial<AdminState> | ((s: AdminState) => Partial<AdminState>)) => void;
  /** The store's failure routing (401 → sign in again, network → banner); returns the message for the view. */
  failure: (error: AppError) => string | null;
}

/**
 * The audit view's actions: server-side filters (user, type, local days), "Load older", and the
 * export main writes through the save dialog (issue #15.6).
 */
export function createAuditActions({ api, get, set, failure }: AuditDeps): Pick<AdminActions, 'loadAudit' | 'exportAudit'> {
  /** Numbers audit requests; an answer to an older one (stale filters) is dropped. */
  let auditRequest = 0;
  const serverId = () => get().serverId;
  return {
    async loadAudit(options = {}) {
      const id = serverId();
      if (!id) return;
      const current = get().audit;
      const type = options.type ?? current.type;
      const userId = options.userId ?? current.userId;
      const from = options.from ?? current.from;
      const to = options.to ?? current.to;
      const range = auditTimeRange(from, to);
      if ('error' in range) {
        // Explained here, refused by the server anyway (400 naming "from").
        set((s) => ({ audit: { ...s.audit, type, userId, from, to, items: [], nextCursor: null, busy: false, error: range.error } }));
        return;
      }
      set((s) => ({ audit: { ...s.audit, type, userId, from, to, busy: true } }));
      // Filters can change faster than the server answers: only the latest request may land.
      const request = ++auditRequest;
      const cursor = options.more ? (current.nextCursor ?? undefined) : undefined;
      const result = await api.admin.audit(id, { limit: 100, ...(type ? { type } : {}), ...(userId ? { userId } : {}), ...range, ...(cursor ? { cursor } : {}) });
      if (request !== auditRequest) return;
      if (result.ok) set((s) => ({ audit: { ...s.audit, items: options.more ? [...s.audit.items, ...result.value.items] : result.value.items, nextCursor: result.value.nextCursor, busy: false, error: null } }));
      else set((s) => ({ audit: { ...s.audit, busy: false, error: failure(result.error) } }));
    },

    async exportAudit(format) {
      const id = serverId();
      if (!id) return undefined;
      const { type, userId, from, to } = get().audit;
      const range = auditTimeRange(from, to);
      if ('error' in range) {
        set((s) => ({ audit: { ...s.audit, error: range.error } }));
        return undefined;
      }
      set((s) => ({ audit: { ...s.audit, busy: true, error: null, notice: null } }));
      const result = await api.admin.exportAudit(id, { ...(type ? { type } : {}), ...(userId ? { userId } : {}), ...range }, format);
      if (!result.ok) {
        set((s) => ({ audit: { ...s.audit, busy: false, error: failure(result.error) } }));
        return undefined;
      }
      const done = result.value;
      const notice = done ? `Exported ${done.count.toLocaleString()} event${done.count === 1 ? '' : 's'} to ${done.fileName}.` : null;
      set((s) => ({ audit: { ...s.audit, busy: false, notice } }));
      return done;
    },
  };
}
