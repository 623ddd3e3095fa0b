/**
 * Keyset (cursor) pagination for SQL lists sorted by (created_at, id).
 *
 * OFFSET pagination gets slow on deep pages and skips rows when new ones are
 * inserted; a cursor remembers the last row seen instead. Cursors are opaque
 * base64url strings so clients do not depend on their content.
 */

export function encodeCursor(row) {
  const payload = JSON.stringify([row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at, row.id]);
  return Buffer.from(payload, 'utf8').toString('base64url');
}

export function decodeCursor(cursor) {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof createdAt !== 'string' || !Number.isInteger(id)) throw new Error('shape');
    return { createdAt, id };
  } catch {
    const error = new Error('invalid cursor');
    error.status = 400;
    throw error;
  }
}

/**
 * Fetch one page. Asks for limit + 1 rows to know whether a next page exists.
 * @param {(sql: string, params: unknown[]) => Promise<object[]>} query
 */
export async function fetchPage(query, { table, limit = 20, after } = {}) {
  const size = Math.min(Math.max(Number(limit) || 20, 1), 100);
  const params = [];
  let where = '';
  if (after) {
    const { createdAt, id } = decodeCursor(after);
    params.push(createdAt, id);
    where = 'WHERE (created_at, id) < ($1, $2)';
  }
  params.push(size + 1);
  const sql = `SELECT * FROM ${table} ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`;
  const rows = await query(sql, params);
  const hasMore = rows.length > size;
  const items = hasMore ? rows.slice(0, size) : rows;
  return {
    items,
    nextCursor: hasMore ? encodeCursor(items[items.length - 1]) : null,
  };
}
