import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { MAX_IMPORT_BYTES } from '../../../shared/import/limits';
import type { ImportFormat } from '../../../shared/import/import-types';
import type { DesktopApi } from '../../../shared/ipc/desktop-api';
import type { ImportOutcome, ImportPreviewView } from '../../../shared/ipc/import-channels';
import type { Result } from '../../../shared/result';
import { useDesktopApi } from '../context';

/**
 * The import dialog's state, shared by the dialog and the window-wide drop target. The file is
 * read and parsed in the main process; this store only ever holds the secret-free preview and the
 * token that names the pending import there.
 */
export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'needs-password'; token: string; file: string; format: ImportFormat; error: string | null }
  /** `selected`: positions in `preview.toAdd` that are ticked (all of them at first). */
  | { kind: 'preview'; token: string; file: string; preview: ImportPreviewView; selected: readonly number[] }
  | { kind: 'error'; message: string };

export interface ImportState {
  phase: ImportPhase;
  actions: ImportActions;
}

export interface ImportActions {
  /** Shows the open dialog in main and previews the chosen file. */
  openFile(): Promise<void>;
  /** Previews a file dropped on the window. Key material: its bytes go to main once. */
  readDropped(file: File): Promise<void>;
  submitPassword(password: string): Promise<void>;
  /** Shows an outcome another feature obtained (a backup version opened for restore). */
  show(result: ImportOutcome, file: string): void;
  /** Ticks or unticks one account of the preview (its position in `toAdd`). */
  toggle(index: number): void;
  /** Ticks every account of the preview (`true`) or none (`false`). */
  selectAll(all: boolean): void;
  /** Adds the ticked accounts, all or nothing; the number added on success. */
  confirm(): Promise<Result<{ added: number; duplicates: number; skipped: number; notChosen: number }>>;
  /** Forgets the pending import here and in main. */
  cancel(): void;
}

export type ImportStore = StoreApi<ImportState>;

export function createImportStore(api: DesktopApi): ImportStore {
  return createStore<ImportState>()((set, get) => {
    const apply = (result: Result<ImportOutcome>, file?: string) => {
      if (!result.ok) {
        const phase = get().phase;
        // A wrong password keeps the file waiting in main: stay on the password form.
        if (result.error.code === 'wrong-password' && phase.kind === 'needs-password') {
          set({ phase: { ...phase, error: result.error.message } });
        } else {
          set({ phase: { kind: 'error', message: result.error.message } });
        }
        return;
      }
      const outcome = result.value;
      if (outcome.status === 'cancelled') set({ phase: { kind: 'idle' } });
      else if (outcome.status === 'needs-password') set({ phase: { kind: 'needs-password', token: outcome.token, file: outcome.file, format: outcome.format, error: null } });
      else set({ phase: { kind: 'preview', token: outcome.token, file: outcome.file ?? file, preview: outcome.preview, selected: outcome.preview.toAdd.map((_, i) => i) } });
    };

    return {
      phase: { kind: 'idle' },
      actions: {
        async openFile() {
          set({ phase: { kind: 'busy', message: 'Reading the file…' } });
          apply(await api.import.openFile());
        },
        async readDropped(file) {
          if (file.size > MAX_IMPORT_BYTES) {
            set({ phase: { kind: 'error', message: `${file.name}: the file is too large to be an authenticator export (${(file.size / 1048576).toFixed(1)} MB, at most ${MAX_IMPORT_BYTES / 1048576} MB).` } });
            return;
          }
          set({ phase: { kind: 'busy', message: `Reading ${file.name}…` } });
          let bytes: Uint8Array<ArrayBuffer>;
          try {
            bytes = new Uint8Array(await file.arrayBuffer());
          } catch {
            set({ phase: { kind: 'error', message: `${file.name} could not be read. Choose it with "Choose file…" instead.` } });
            return;
          }
          apply(await api.import.fileBytes(bytes, file.name.slice(0, 260) || 'dropped file'), file.name);
        },
        async submitPassword(password) {
          const phase = get().phase;
          if (phase.kind !== 'needs-password') return;
          set({ phase: { ...phase, error: null } });
          apply(await api.import.password(phase.token, password));
        },
        async confirm() {
          const phase = get().phase;
          if (phase.kind !== 'preview') return { ok: false, error: { code: 'nothing-to-import', message: 'Choose a file first.' } };
          const result = await api.import.confirm(phase.token, [...phase.selected]);
          if (result.ok) set({ phase: { kind: 'idle' } });
          else set({ phase: { kind: 'error', message: result.error.message } });
          return result;
        },
        show(result, file) {
          apply({ ok: true, value: result }, file);
        },
        toggle(index) {
          const phase = get().phase;
          if (phase.kind !== 'preview') return;
          const selected = phase.selected.includes(index) ? phase.selected.filter((i) => i !== index) : [...phase.selected, index].sort((a, b) => a - b);
          set({ phase: { ...phase, selected } });
        },
        selectAll(all) {
          const phase = get().phase;
          if (phase.kind === 'preview') set({ phase: { ...phase, selected: all ? phase.preview.toAdd.map((_, i) => i) : [] } });
        },
        cancel() {
          if (get().phase.kind !== 'idle') void api.import.cancel();
          set({ phase: { kind: 'idle' } });
        },
      },
    };
  });
}

/** One store per window (per API object), created on first use. */
const stores = new WeakMap<DesktopApi, ImportStore>();

export function useImport<T>(selector: (state: ImportState) => T): T {
  const api = useDesktopApi();
  let store = stores.get(api);
  if (!store) {
    store = createImportStore(api);
    stores.set(api, store);
  }
  return useStore(store, selector);
}
