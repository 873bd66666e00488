import type { z } from 'zod';
import { API_BASE_PATH, adminRoutes, type AdminRoutes, type RouteId } from './routes';

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;
type OutputOf<S> = S extends z.ZodType ? z.output<S> : undefined;
type Field<R, K extends string> = R extends { readonly [P in K]: infer S } ? S : undefined;

/**
 * The typed map a client uses: for every route, what it sends and what it gets back.
 * `response` is `undefined` for 204 routes.
 *
 * ```ts
 * async function call<K extends RouteId>(id: K, req: ApiRequest<K>): Promise<ApiResponse<K>>
 * ```
 */
export type AdminApi = {
  [K in RouteId]: {
    method: AdminRoutes[K]['method'];
    params: InputOf<Field<AdminRoutes[K], 'params'>>;
    query: InputOf<Field<AdminRoutes[K], 'query'>>;
    body: InputOf<Field<AdminRoutes[K], 'body'>>;
    response: OutputOf<AdminRoutes[K]['response']>;
  };
};

type Present<T, K extends string> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };

/** What a call of route K takes: only the parts that route has are required. */
export type ApiRequest<K extends RouteId> = Present<AdminApi[K]['params'], 'params'> &
  Present<AdminApi[K]['query'], 'query'> &
  Present<AdminApi[K]['body'], 'body'> & { ifMatch?: string };

export type ApiResponse<K extends RouteId> = AdminApi[K]['response'];

/**
 * The absolute path (from the server root) of a call: fills `{param}` placeholders
 * (percent-encoded) and appends the query string, skipping undefined values.
 */
export function buildPath(id: RouteId, params?: Record<string, string>, query?: Record<string, string | number | undefined>): string {
  const def = adminRoutes[id];
  const path = def.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`buildPath(${id}): missing path parameter "${name}"`);
    return encodeURIComponent(value);
  });
  const pairs = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
  const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
  return `${API_BASE_PATH}${path}${qs ? `?${qs}` : ''}`;
}
