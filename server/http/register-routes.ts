import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { API_BASE_PATH, adminRoutes, type AdminRoutes, type RouteId } from '../../shared/admin-api';
import { ProblemError, type ProblemExtras } from '../domain/problem-error';
import type { ServiceContext } from '../services/context';
import { authenticate, type AuthedCaller } from './authenticate';
import type { Deployment } from './deployment';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Part<K extends RouteId, P extends string> = AdminRoutes[K] extends { readonly [Q in P]: infer S } ? Out<S> : undefined;

export interface HandlerInput<K extends RouteId> {
  params: Part<K, 'params'>;
  query: Part<K, 'query'>;
  body: Part<K, 'body'>;
  /** null only on anonymous routes. */
  caller: AuthedCaller | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A handler returns the success body (its type checked against the contract), or undefined for 204. */
export type RouteHandlers = {
  [K in RouteId]: (input: HandlerInput<K>) => Promise<Out<AdminRoutes[K]['response']>> | Out<AdminRoutes[K]['response']>;
};

type Location = 'body' | 'query' | 'params';

function parsePart(schema: z.ZodType | undefined, value: unknown, location: Location): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: NonNullable<ProblemExtras['errors']> = parsed.error.issues.slice(0, 20).map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...issue.path.map(String), ...(keys[0] !== undefined ? [keys[0]] : [])].join('.');
    const field = (path || location).slice(0, 200);
    const message = issue.code === 'unrecognized_keys' ? `unknown field "${field}"` : issue.message;
    return { location, field, message };
  });
  const first = errors[0] ?? { location, field: location, message: 'invalid' };
  throw new ProblemError('validation-failed', `${first.location === 'body' ? '' : `${first.location} `}${first.field}: ${first.message}`, {
    field: first.field,
    errors,
  });
}

/**
 * Registers every route of the contract: validation of params, query and body against the shared
 * zod schemas, authentication and access, then the handler. With `validateResponses` (tests) every
 * success body is also checked against the contract's response schema.
 */
export function registerRoutes(app: FastifyInstance, ctx: ServiceContext, handlers: RouteHandlers, validateResponses: boolean, deployment: Deployment): void {
  for (const id of Object.keys(adminRoutes) as RouteId[]) {
    const def: AdminRoutes[RouteId] = adminRoutes[id];
    const url = API_BASE_PATH + def.path.replace(/\{(\w+)\}/g, ':$1');
    const handler = handlers[id] as (input: HandlerInput<RouteId>) => unknown;
    app.route({
      method: def.method,
      url,
      handler: async (request, reply) => {
        const caller = authenticate(ctx, request, def.access, deployment);
        const params = parsePart('params' in def ? def.params : undefined, request.params, 'params');
        const query = parsePart('query' in def ? def.query : undefined, request.query, 'query');
        const body = parsePart('body' in def ? def.body : undefined, request.body, 'body');
        const result = await handler({ params, query, body, caller, request, reply } as HandlerInput<RouteId>);
        reply.header('cache-control', 'no-store');
        if (def.response === null) return reply.code(204).send();
        if (validateResponses) {
          const check = def.response.safeParse(result);
          if (!check.success) throw new Error(`response of ${id} breaks the contract: ${check.error.message}`);
        }
        return reply.code(def.successStatus).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(result));
      },
    });
  }
}
