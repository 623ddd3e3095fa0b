export const GENERATION_LANGUAGE_CODES = ['python', 'javascript', 'typescript', 'java', 'go'] as const;
export type GenerationLanguage = (typeof GENERATION_LANGUAGE_CODES)[number];

/** `/api/v1/generate/languages`, as in the contract. */
export const GENERATION_LANGUAGES: ReadonlyArray<{ code: GenerationLanguage; name: string; description: string }> = [
  { code: 'python', name: 'Python', description: 'Python 3.6+' },
  { code: 'javascript', name: 'JavaScript', description: 'ES6+' },
  { code: 'typescript', name: 'TypeScript', description: 'TypeScript 4.0+' },
  { code: 'java', name: 'Java', description: 'Java 11+' },
  { code: 'go', name: 'Go', description: 'Go 1.18+' },
];
