import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { PROBLEMS, PROBLEM_CONTENT_TYPE, problemType, type Problem, type ProblemCode } from '../../shared/admin-api';
import { ProblemError } from '../domain/problem-error';

/**
 * Every error leaves as RFC 9457 application/problem+json with a stable `code`: our own
 * refusals, Fastify's (body too large, wrong content type, bad JSON, bad URL) and anything
 * unexpected (500, logged without a stack in the body). No stack trace, no secret, ever.
 */
export function sendProblem(reply: FastifyReply, err: ProblemError): FastifyReply {
  return reply.send(prepareProblem(reply, err));
}

/** Sets the problem's status and headers on `reply` and returns its body. */
export function prepareProblem(reply: FastifyReply, err: ProblemError): string {
  const body: Problem = {
    type: problemType(err.code),
    title: PROBLEMS[err.code].title,
    status: err.status,
    detail: err.detail,
    code: err.code,
    ...err.extras,
  };
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  reply.code(err.status).header('content-type', PROBLEM_CONTENT_TYPE).header('cache-control', 'no-store');
  return JSON.stringify(body);
}

/**
 * The answer to a request whose writes were in a batch that failed to commit (GroupCommit): the
 * success it was about to send never happened, so it becomes a 500 that says nothing was saved.
 * Credentials and validators of the lost writes (a session cookie, an ETag) are withdrawn.
 */
export function uncommittedProblem(reply: FastifyReply): string {
  reply.removeHeader('set-cookie');
  reply.removeHeader('etag');
  return prepareProblem(
    reply,
    new ProblemError('internal-error', 'The server could not save this request to its database, so nothing of it was kept. Try again; if it keeps failing, check the server log (the disk may be full).'),
  );
}

const FASTIFY_CODES: Record<string, [ProblemCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload-too-large', 'The request body is larger than 64 KB.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported-media-type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['validation-failed', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['validation-failed', 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['validation-failed', 'The body is not valid JSON.'],
  FST_ERR_BAD_URL: ['not-found', 'The URL is malformed.'],
  FST_ERR_ASYNC_CONSTRAINT: ['not-found', 'No such route.'],
};

export function fromFastifyError(err: FastifyError): ProblemError | null {
  if (err instanceof ProblemError) return err;
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return new ProblemError(mapped[0], mapped[1], mapped[0] === 'validation-failed' ? { field: 'body' } : {});
  // JSON.parse errors and secure-json-parse refusals (__proto__) arrive as plain 400s.
  if (err.statusCode === 400) return new ProblemError('validation-failed', 'The body is not valid JSON (or uses a forbidden key such as "__proto__").', { field: 'body' });
  if (err.statusCode === 413) return new ProblemError('payload-too-large', 'The request body is larger than 64 KB.');
  if (err.statusCode === 415) return new ProblemError('unsupported-media-type', 'Send the body as application/json.');
  if (err.statusCode === 404) return new ProblemError('not-found', 'No such route.');
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return new ProblemError('validation-failed', 'The request could not be read.');
  }
  return null;
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const problem = fromFastifyError(err);
    if (problem) return sendProblem(reply, problem);
    // Unexpected: log the error itself (not the request body), answer a bare 500.
    request.log.error({ errName: err.name, errMessage: err.message, stack: err.stack }, 'unhandled error');
    return sendProblem(reply, new ProblemError('internal-error', 'The server failed to handle the request. Try again; if it keeps failing, check the server log.'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new ProblemError('not-found', `No route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}. See /api/v1/openapi.json.`)),
  );
}
