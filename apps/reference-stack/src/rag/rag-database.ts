import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The rag-server's own durable state (prompt templates, HEAD BM25 indexes) in `<dataDir>/rag-server.sqlite`. */
export function openRagDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'rag-server.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS templates (name TEXT PRIMARY KEY, body TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS bm25_docs (index_name TEXT NOT NULL, doc_id TEXT NOT NULL, content TEXT NOT NULL, metadata TEXT NOT NULL, PRIMARY KEY (index_name, doc_id)) WITHOUT ROWID;
  `);
  return db;
}
