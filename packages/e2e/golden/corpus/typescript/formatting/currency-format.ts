/**
 * Money formatting for late fees and membership charges.
 *
 * Amounts are stored as integer minor units (KRW has none, USD has cents) to avoid
 * floating-point rounding errors; formatting goes through Intl.NumberFormat.
 */

export type CurrencyCode = 'KRW' | 'USD' | 'JPY' | 'EUR';

const MINOR_UNITS: Record<CurrencyCode, number> = { KRW: 0, JPY: 0, USD: 2, EUR: 2 };

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: CurrencyCode, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** formatMoney(12500, 'KRW') -> "₩12,500"; formatMoney(1999, 'USD', 'en-US') -> "$19.99" */
export function formatMoney(amountMinor: number, currency: CurrencyCode, locale = 'ko-KR'): string {
  if (!Number.isInteger(amountMinor)) {
    throw new RangeError(`amount must be an integer number of minor units, got ${amountMinor}`);
  }
  const major = amountMinor / 10 ** MINOR_UNITS[currency];
  return formatterFor(currency, locale).format(major);
}

/** Parse user input such as "12,500원" or "$19.99" into minor units. */
export function parseMoney(text: string, currency: CurrencyCode): number {
  const cleaned = text.replace(/[^\d.-]/g, '');
  const value = Number(cleaned);
  if (cleaned === '' || Number.isNaN(value)) {
    throw new RangeError(`not an amount: "${text}"`);
  }
  return Math.round(value * 10 ** MINOR_UNITS[currency]);
}

/** Split an amount into n parts that differ by at most one minor unit and sum exactly. */
export function allocate(amountMinor: number, parts: number): number[] {
  const base = Math.floor(amountMinor / parts);
  const remainder = amountMinor - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < remainder ? 1 : 0));
}
