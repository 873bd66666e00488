import {
  adminRoutes,
  buildPath,
  parseProblem,
  type ApiRequest,
  type ApiResponse,
  type RouteId,
} from '../../../../shared/admin-api';
import type { Clock } from '../clock';
import { AdminClientError, errorFromProblem } from './admin-client-error';

export type FetchPort = typeof fetch;

export interface CallResult<K extends RouteId> {
  body: ApiResponse<K>;
  /** The ETag of the answer (policy reads and writes). */
  etag: string | null;
}

const TIMEOUT_MS = 15_000;

/**
 * One MFA server's HTTP API, typed by the shared contract (shared/admin-api/routes.ts): the
 * path, method and response schema of every call come from the route table, and every answer
 * is parsed against its schema, so a server that answers HTML or something else is reported
 * as "not a Twofold MFA server" instead of reaching the window.
 *
 * Key material: `token` is the API key (Authorization: Bearer). It is never logged and never
 * put in an error message.
 */
export class AdminHttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: FetchPort,
    private readonly clock: Clock,
    private readonly token: string | null = null,
  ) {}

  withToken(token: string | null): AdminHttpClient {
    return new AdminHttpClient(this.baseUrl, this.fetchImpl, this.clock, token);
  }

  async call<K extends RouteId>(id: K, request: ApiRequest<K>): Promise<CallResult<K>> {
    const route = adminRoutes[id];
    const req = request as { params?: Record<string, string>; query?: Record<string, string | number | undefined>; body?: unknown; ifMatch?: string };
    const url = this.baseUrl + buildPath(id, req.params, req.query);
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (req.ifMatch) headers['if-match'] = req.ifMatch;

    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: route.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw transportError(error, this.baseUrl);
    }

    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (response.status !== route.successStatus) {
      const problem = parseProblem(json);
      if (problem) throw errorFromProblem(problem, retryAfter(response.headers.get('retry-after')), this.clock.now());
      throw notOurServer(this.baseUrl, `it answered HTTP ${response.status}${looksLikeHtml(text) ? ' with a web page' : ''}`);
    }
    if (route.response === null) return { body: undefined as ApiResponse<K>, etag: response.headers.get('etag') };
    const parsed = route.response.safeParse(json);
    if (!parsed.success) throw notOurServer(this.baseUrl, looksLikeHtml(text) ? 'it answered with a web page' : 'its answer does not have the expected shape');
    return { body: parsed.data as ApiResponse<K>, etag: response.headers.get('etag') };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body)/i.test(text);
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.round((at - Date.now()) / 1000)) : null;
}

function notOurServer(baseUrl: string, why: string): AdminClientError {
  return new AdminClientError('not-a-twofold-server', `${baseUrl} is not a Twofold MFA server (${why}). Check the address.`, 'url');
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME_MISMATCH|ALTNAME/i;

/** Node's fetch (undici) wraps the socket error in `cause`; say in plain words what happened. */
export function transportError(error: unknown, baseUrl: string): AdminClientError {
  if (error instanceof AdminClientError) return error;
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const code = cause?.code ?? (error as { code?: string } | null)?.code ?? '';
  const name = (error as { name?: string } | null)?.name;
  const host = safeHost(baseUrl);
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new AdminClientError('server-timeout', `${host} did not answer within ${TIMEOUT_MS / 1000} seconds. Check the network and that the server is running, then try again.`);
  }
  if (TLS_CODES.test(code) || TLS_CODES.test(cause?.message ?? '')) {
    return new AdminClientError(
      'tls-error',
      `The secure connection to ${host} failed: its certificate is not trusted by this computer (${code || 'certificate error'}). Ask the server's operator for a valid certificate.`,
      'url',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AdminClientError('server-unreachable', `No server named ${host} was found. Check the address and your network.`, 'url');
  }
  if (/bad port/i.test(cause?.message ?? '')) {
    return new AdminClientError('server-unreachable', `The port of ${host} is one that web clients refuse to use (it belongs to another service). Check the address.`, 'url');
  }
  if (code === 'ECONNREFUSED') {
    return new AdminClientError('server-unreachable', `${host} refused the connection: the server is not running there, or the port is wrong.`, 'url');
  }
  return new AdminClientError('server-unreachable', `Could not reach ${host}${code ? ` (${code})` : ''}. Check the network and that the server is running.`, 'url');
}

function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
