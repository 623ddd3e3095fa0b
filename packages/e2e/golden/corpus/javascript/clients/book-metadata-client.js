/**
 * Looks up book metadata (title, authors, cover) by ISBN from the Open Library API.
 *
 * Every request has a deadline (AbortController). 429 and 5xx responses are retried
 * with exponential backoff, honouring Retry-After. Results are cached in memory.
 */
import { LruCache } from '../utils/lru-cache.js';

const BASE_URL = 'https://openlibrary.org';
const cache = new LruCache({ maxEntries: 1000, ttlMs: 6 * 60 * 60 * 1000 });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchWithTimeout(url, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
  try {
    return await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
  } finally {
    clearTimeout(timer);
  }
}

async function getJson(url, { retries = 3, timeoutMs = 5000, baseDelayMs = 300 } = {}) {
  for (let attempt = 0; ; attempt += 1) {
    let response;
    try {
      response = await fetchWithTimeout(url, timeoutMs);
    } catch (error) {
      if (attempt >= retries) throw error;
      await sleep(baseDelayMs * 2 ** attempt);
      continue;
    }
    if (response.ok) return response.json();
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= retries) {
      throw new Error(`GET ${url} failed with ${response.status}`);
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : baseDelayMs * 2 ** attempt);
  }
}

export async function lookupIsbn(isbn) {
  const clean = isbn.replace(/[^0-9X]/gi, '');
  return cache.getOrLoad(clean, async () => {
    const data = await getJson(`${BASE_URL}/api/books?bibkeys=ISBN:${clean}&format=json&jscmd=data`);
    const book = data[`ISBN:${clean}`];
    if (!book) return null;
    return {
      isbn: clean,
      title: book.title,
      authors: (book.authors ?? []).map((a) => a.name),
      publishedYear: Number.parseInt(book.publish_date?.slice(-4), 10) || null,
      coverUrl: book.cover?.medium ?? null,
    };
  });
}
