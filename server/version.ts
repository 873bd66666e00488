import pkg from '../package.json' with { type: 'json' };

/** The server's version, as reported by GET /health and the OpenAPI document. */
export const SERVER_VERSION: string = pkg.version;
