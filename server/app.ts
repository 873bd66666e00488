import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from 'better-sqlite3';
import type { DestinationStream } from 'pino';
import { API_BASE_PATH, buildOpenApiDocument } from '../shared/admin-api';
import type { PasswordHashOptions } from './crypto/password-hasher';
import { createHandlers } from './http/handlers';
import { deploymentOf, installHostCheck } from './http/deployment';
import { fromFastifyError, installProblemHandlers, sendProblem, uncommittedProblem } from './http/problem-reply';
import { ProblemError } from './domain/problem-error';
import { registerRoutes } from './http/register-routes';
import { registerStaticFiles } from './http/static-files';
import type { Clock, ServiceContext } from './services/context';
import { openDataDir } from './storage/open-data-dir';
import { SERVER_VERSION } from './version';

export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ServerOptions {
  dataDir: string;
  clock?: Clock;
  /** false: no logs; a stream: JSON lines there (tests read them); true/undefined: stdout. */
  logger?: boolean | DestinationStream;
  logLevel?: string;
  passwordHashOptions?: PasswordHashOptions;
  /** 32-byte key for sealing TOTP secrets; default: TWOFOLD_SERVER_KEY or the data directory's key file. */
  serverKey?: Buffer;
  /** TWOFOLD_SERVER_KEY from the caller's environment (default: process.env). */
  serverKeyText?: string;
  /** Issuer written to a new mfa.json. */
  defaultIssuer?: string;
  /** The self-service page's files; null serves none. */
  webRoot?: string | null;
  /** Check every success body against the contract (tests). */
  validateResponses?: boolean;
  /** The origin browsers reach the server at (e.g. https://mfa.example.com); see http/deployment.ts. */
  publicOrigin?: string;
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-* headers count. */
  trustProxy?: readonly string[];
  /** Lifetime of new API keys in days (default 30). */
  apiKeyDays?: number;
}

export interface TwofoldServer {
  app: FastifyInstance;
  ctx: ServiceContext;
  db: Database;
  /** Stops HTTP, closes the database and releases the data directory. Idempotent. */
  close(): Promise<void>;
}

/**
 * Log lines carry method, URL, status and timing only: no bodies (passwords, codes, tickets,
 * secrets) and no Authorization or Cookie headers (API keys, sessions). Redaction below is a
 * second fence in case a header object is ever logged.
 */
function loggerOptions(opts: ServerOptions) {
  const base = {
    level: opts.logLevel ?? 'info',
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'body', 'req.body'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.slice(0, 300), id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  if (opts.logger === false) return false;
  if (opts.logger === true || opts.logger === undefined) return base;
  return { ...base, stream: opts.logger };
}

/** Builds the reference MFA server over a data directory (composition root: plain `new`). */
export async function createServer(opts: ServerOptions): Promise<TwofoldServer> {
  const deployment = deploymentOf(opts.publicOrigin, opts.trustProxy);
  const store = openDataDir(opts);
  try {
    const { ctx } = store;
    const logger = loggerOptions(opts);
    const app = Fastify({
      ...(logger === false ? { logger: false } : { logger }),
      // Only these sockets' X-Forwarded-For/-Proto/-Host count; from anyone else they are ignored.
      trustProxy: deployment.trustProxy.length ? deployment.trustProxy : false,
      bodyLimit: BODY_LIMIT_BYTES,
      return503OnClosing: true,
      routerOptions: { maxParamLength: 200 },
      // Malformed URLs (bad percent-encoding) are refused before routing: answer them as problems too.
      frameworkErrors: (error, _request, reply) => {
        void sendProblem(reply, fromFastifyError(error) ?? new ProblemError('not-found', 'The URL is malformed.'));
      },
    });
    installProblemHandlers(app);
    installHostCheck(app, deployment);
    // JSON only: Fastify also parses text/plain by default, which this API never accepts (415).
    app.removeContentTypeParser('text/plain');
    const writes = ctx.enableGroupCommit((error) => {
      app.log.error({ errMessage: error instanceof Error ? error.message : String(error) }, 'database commit failed; the requests of its batch were answered with 500');
    });
    // Callback style, not async: this runs on every response, and most have no batch to wait for.
    app.addHook('onSend', (_req, reply, payload, done) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      // No answer before the commit that holds this request's writes (or anything it read).
      if (!writes.pending) return done(null, payload);
      writes.durable().then(
        () => done(null, payload),
        () => done(null, uncommittedProblem(reply)),
      );
    });
    const openapi = JSON.stringify(buildOpenApiDocument(SERVER_VERSION));
    app.get(`${API_BASE_PATH}/openapi.json`, async (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(openapi));
    registerRoutes(app, ctx, createHandlers(ctx, SERVER_VERSION, deployment), opts.validateResponses ?? false, deployment);
    registerStaticFiles(app, opts.webRoot ?? null);
    await app.ready();

    let closed = false;
    return {
      app,
      ctx,
      db: store.db,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await app.close();
        } finally {
          try {
            writes.flush();
          } finally {
            store.close();
          }
        }
      },
    };
  } catch (e) {
    store.close();
    throw e;
  }
}
