import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements compiled once per SQL text and reused: preparing is a large share of a
 * request's CPU otherwise. Only for fixed SQL strings (never SQL built from input).
 */
export type Sql = (text: string) => Statement;

export function statementCache(db: Database): Sql {
  const cache = new Map<string, Statement>();
  return (text) => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
}
