import { z } from 'zod';
import { PROBLEMS, PROBLEM_CONTENT_TYPE, ProblemSchema, type ProblemCode } from './problems';
import { API_BASE_PATH, adminRoutes, routeProblems, type RouteId } from './routes';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the server validates with.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what `z.toJSONSchema` emits.
 * @see https://spec.openapis.org/oas/v3.1.0
 */

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

function problemResponses(id: RouteId): Record<string, JsonSchema> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of routeProblems(id)) {
    const status = PROBLEMS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, JsonSchema> = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: codes.map((c) => `\`${c}\`: ${PROBLEMS[c].title}`).join('; '),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return out;
}

export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const id of Object.keys(adminRoutes) as RouteId[]) {
    const def = adminRoutes[id];
    const op: JsonSchema = {
      operationId: id,
      summary: def.summary,
      'x-access': def.access,
      parameters: [
        ...parameters('params' in def ? def.params : undefined, 'path'),
        ...parameters('query' in def ? def.query : undefined, 'query'),
        ...('requiresIfMatch' in def && def.requiresIfMatch
          ? [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag from GET' }]
          : []),
      ],
      responses: {
        [String(def.successStatus)]: def.response
          ? { description: 'Success', content: { 'application/json': { schema: jsonSchema(def.response, 'output') } } }
          : { description: 'Success, no content' },
        ...problemResponses(id),
      },
      security: def.access === 'anonymous' ? [] : [{ bearerApiKey: [] }, { sessionCookie: [] }],
    };
    if ('body' in def && def.body) {
      // A body schema that accepts "no body" (step-up bodies of reset and delete) is optional.
      op.requestBody = { required: !def.body.safeParse(undefined).success, content: { 'application/json': { schema: jsonSchema(def.body, 'input') } } };
    }
    const path = `${API_BASE_PATH}${def.path}`;
    paths[path] = { ...paths[path], [def.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Twofold MFA admin API',
      version,
      description: 'Errors are RFC 9457 application/problem+json with a stable `code`.',
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      securitySchemes: {
        bearerApiKey: { type: 'http', scheme: 'bearer', description: 'API key from POST /auth/login with issue "apiKey"' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'twofold_session' },
      },
    },
  };
}
