const TOKEN = /\s*(?:[\p{L}\p{M}_]+|\p{N}+|[^\s\p{L}\p{M}\p{N}_])|\s+$/gu;

/**
 * Splits text into model-like tokens (a word, a number or one punctuation mark, each with the
 * whitespace before it). Joining the tokens gives the text back exactly.
 */
export function splitTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** How many tokens a text has (the unit of `usage` and of the generation rate). */
export function countTokens(text: string): number {
  return splitTokens(text).length;
}
