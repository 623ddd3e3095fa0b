/**
 * Export rows as CSV (RFC 4180) for download, e.g. the overdue-loans list.
 *
 * Fields containing commas, quotes or newlines are quoted and inner quotes are
 * doubled. A UTF-8 BOM is prepended so Excel opens Korean text correctly.
 * Cells starting with = + - @ are prefixed with ' to block CSV formula injection.
 */
const FORMULA_PREFIX = /^[=+\-@\t\r]/;
const BOM = '\uFEFF';

export function escapeCsvField(value) {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_PREFIX.test(text)) {
    text = `'${text}`;
  }
  if (/[",\n\r]/.test(text)) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export function toCsv(rows, columns) {
  const cols = columns ?? Object.keys(rows[0] ?? {}).map((key) => ({ key, header: key }));
  const lines = [cols.map((c) => escapeCsvField(c.header)).join(',')];
  for (const row of rows) {
    lines.push(cols.map((c) => escapeCsvField(typeof c.value === 'function' ? c.value(row) : row[c.key])).join(','));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

/** Express handler helper: send rows as a downloadable file. */
export function sendCsv(res, filename, rows, columns) {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.send(toCsv(rows, columns));
}
