/** A Qdrant point id: an unsigned integer or a UUID (kept in canonical lowercase hyphenated form). */
export type PointId = number | string;

const UUID_SIMPLE = /^[0-9a-f]{32}$/i;
const UUID_HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses an id as Qdrant does; returns undefined for anything Qdrant rejects. */
export function parsePointId(value: unknown): PointId | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  if (text.startsWith('urn:uuid:')) text = text.slice(9);
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  if (UUID_HYPHENATED.test(text)) return text.toLowerCase();
  if (UUID_SIMPLE.test(text)) {
    const t = text.toLowerCase();
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}-${t.slice(16, 20)}-${t.slice(20)}`;
  }
  return undefined;
}

/** The storage key of an id: the decimal number or the UUID (unambiguous: UUIDs contain `-`). */
export function pointKey(id: PointId): string {
  return typeof id === 'number' ? String(id) : id;
}

export function idFromKey(key: string): PointId {
  return key.includes('-') ? key : Number(key);
}

/** Qdrant's order: integer ids ascending, then UUIDs. */
export function comparePointIds(a: PointId, b: PointId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
