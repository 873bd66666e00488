import Fastify from 'fastify';

/**
 * The benchmark's framework floor: plain Fastify with the reference server's options (64 KB
 * body limit, JSON only, a pino logger at warn, one onSend hook adding two headers) and two
 * routes that do no work: GET /health and a POST taking a small JSON body and answering 200 with
 * a small JSON body. It shows what the HTTP exchange alone costs, GET against POST, on this
 * machine: no route of the real server can be cheaper than these.
 */
const app = Fastify({ logger: { level: 'warn' }, bodyLimit: 64 * 1024 });
app.removeContentTypeParser('text/plain');
app.addHook('onSend', (_req, reply, payload, done) => {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  done(null, payload);
});
app.get('/health', async (_req, reply) =>
  reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ status: 'ok', time: new Date().toISOString() })),
);
app.post('/echo', async (req, reply) => {
  const body = req.body as { username?: unknown };
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ result: 'ok', username: typeof body.username === 'string' ? body.username : null, time: new Date().toISOString() }));
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${address}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
