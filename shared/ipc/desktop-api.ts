import type { z } from 'zod';
import type { Result } from '../result';
import type { ChannelMap, ChannelSpec, EventMap } from './channel-types';
import type { IpcContract, IpcEvents } from './contract';

/**
 * `window.twofold`, the API the preload exposes, derived from the contract: channel
 * `'vault:change-password'` becomes `twofold.vault.changePassword(current, next)`, returning a
 * `Result` (never throwing across the boundary), and `twofold.on('vault:changed', listener)`
 * subscribes to an event (it returns the unsubscribe function).
 */
type KebabToCamel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<KebabToCamel<Tail>>}` : S;
type AreaOf<C> = C extends `${infer A}:${string}` ? A : never;

export type ApiOf<C extends ChannelMap, E extends EventMap> = {
  readonly [A in AreaOf<keyof C>]: {
    readonly [K in keyof C as K extends `${A}:${infer Verb}` ? KebabToCamel<Verb> : never]: C[K] extends ChannelSpec
      ? (...args: z.input<C[K]['args']>) => Promise<Result<z.output<C[K]['result']>>>
      : never;
  };
} & {
  on<K extends keyof E & string>(event: K, listener: (payload: z.output<E[K]>) => void): () => void;
};

export type DesktopApi = ApiOf<IpcContract, IpcEvents>;

/** `'codes:hotp-next'` → `['codes', 'hotpNext']`: where a channel lives on `window.twofold`. */
export function apiPathOf(channel: string): [area: string, method: string] {
  const colon = channel.indexOf(':');
  if (colon <= 0) throw new Error(`IPC channel "${channel}" is not named "area:verb".`);
  const verb = channel.slice(colon + 1).replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return [channel.slice(0, colon), verb];
}

export type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the API object from the channel and event names. Used by the preload (over
 * ipcRenderer) and by nothing else at run time; the e2e harness runs the real preload bundle.
 * Every function is a plain closure: contextBridge copies the object, it never exposes `invoke`.
 */
export function buildDesktopApi(channels: readonly string[], events: readonly string[], invoke: Invoke, subscribe: Subscribe): DesktopApi {
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>> | unknown> = {};
  for (const channel of channels) {
    const [area, method] = apiPathOf(channel);
    if (area === 'on') throw new Error('"on" is reserved for events and cannot be an IPC area.');
    const group = (api[area] ??= {}) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    group[method] = (...args: unknown[]) => invoke(channel, args);
  }
  const known = new Set(events);
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!known.has(event)) throw new Error(`Unknown event "${event}". Known events: ${[...known].join(', ')}.`);
    if (typeof listener !== 'function') throw new Error('on(event, listener): listener must be a function.');
    return subscribe(event, listener);
  };
  return api as unknown as DesktopApi;
}
