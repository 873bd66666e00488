import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../domain/problem-error';
import { sendProblem } from './problem-reply';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The page's Content Security Policy: scripts and connections to this origin only, images also
 * from data:/blob: (the enrollment QR code), no framing (clickjacking), no plugins.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the self-service web page (server/web/public, built by its own module) at `/`.
 * A tiny handler instead of @fastify/static: GET/HEAD of files under one root, no directory
 * listings, no dotfiles, and a path check that keeps every request inside the root.
 */
export function registerStaticFiles(app: FastifyInstance, root: string | null): void {
  const rootPrefix = root === null ? null : normalize(root + sep);
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: async (request, reply) => {
      const raw = (request.params as { '*': string })['*'] ?? '';
      const rel = raw === '' ? 'index.html' : raw;
      const missing = () =>
        sendProblem(reply, new ProblemError('not-found', rel.startsWith('api/') ? `No route ${request.method} /${rel.slice(0, 200)}. See /api/v1/openapi.json.` : `No file /${rel.slice(0, 200)}.`));
      if (rootPrefix === null || rel.split('/').some((seg) => seg.startsWith('.') || seg === '')) return missing();
      const path = normalize(join(rootPrefix, rel));
      if (!path.startsWith(rootPrefix)) return missing();
      try {
        const info = await stat(path);
        if (!info.isFile()) return missing();
        const body = await readFile(path);
        reply
          .header('content-type', TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream')
          .header('cache-control', 'no-cache')
          .header('content-security-policy', CSP)
          .header('x-frame-options', 'DENY');
        return reply.send(body);
      } catch {
        return missing();
      }
    },
  });
}
