import type Database from 'better-sqlite3';

export const TEMPLATE_CATEGORIES = ['system', 'user', 'context', 'test'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export interface PromptTemplateRecord {
  readonly id: string;
  readonly name: string;
  readonly category: TemplateCategory;
  readonly language: string;
  readonly template: string;
  readonly description: string | null;
  readonly version: number;
  readonly is_active: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

const SYSTEM = (language: string, extra: string): string =>
  `You are an expert ${language} developer. Write correct, idiomatic ${language} code that solves the request, building on the relevant examples from the code base.${extra} Answer with the code only: no markdown fences and no explanations outside code comments.`;

/** Templates that exist without being stored: the system prompt per language. Stored templates of the same name override them. */
export const BUILTIN_TEMPLATES: Readonly<Record<string, Omit<PromptTemplateRecord, 'created_at' | 'updated_at'>>> = Object.fromEntries(
  [
    ['python', SYSTEM('Python', ' Target Python 3.6+.{{ tests }}')],
    ['java', SYSTEM('Java', ' Target Java {{ java_version }}; Spring Boot {{ spring_boot_version }} features: {{ spring_boot_features }}.{{ tests }}')],
    ['javascript', SYSTEM('JavaScript', ' Target ES6+ on Node.js.{{ tests }}')],
    ['typescript', SYSTEM('TypeScript', ' Target TypeScript 4.0+ with strict types.{{ tests }}')],
    ['go', SYSTEM('Go', ' Target Go 1.18+.{{ tests }}')],
    ['general', SYSTEM('{{ language }}', '{{ tests }}')],
  ].map(([language, template]) => {
    const name = `${language as string}_system`;
    return [name, { id: `builtin:${name}`, name, category: 'system' as const, language: language as string, template: template as string, description: `Built-in system prompt for ${language as string}`, version: 1, is_active: true }];
  }),
);

/** Replaces `{{ name }}` with the parameter (strings as is, lists joined, others as JSON); unknown names become empty. */
export function renderTemplate(template: string, parameters: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** Prompt templates that persist across restarts (SQLite in the rag-server's data dir). */
export class TemplateStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  list(): PromptTemplateRecord[] {
    const rows = this.#db.prepare('SELECT body FROM templates ORDER BY name').all() as Array<{ body: string }>;
    return rows.map((r) => JSON.parse(r.body) as PromptTemplateRecord);
  }

  get(name: string): PromptTemplateRecord | undefined {
    const row = this.#db.prepare('SELECT body FROM templates WHERE name = ?').get(name) as { body: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.body) as PromptTemplateRecord);
  }

  /** The stored template, else the built-in one. */
  resolve(name: string): PromptTemplateRecord | undefined {
    const stored = this.get(name);
    if (stored !== undefined) return stored;
    const builtin = BUILTIN_TEMPLATES[name];
    return builtin === undefined ? undefined : { ...builtin, created_at: '1970-01-01T00:00:00', updated_at: '1970-01-01T00:00:00' };
  }

  /** Stores a new template; false when one with that name exists. */
  create(template: PromptTemplateRecord): boolean {
    const result = this.#db.prepare('INSERT OR IGNORE INTO templates (name, body) VALUES (?, ?)').run(template.name, JSON.stringify(template));
    return result.changes > 0;
  }

  replace(template: PromptTemplateRecord): void {
    this.#db.prepare('INSERT OR REPLACE INTO templates (name, body) VALUES (?, ?)').run(template.name, JSON.stringify(template));
  }

  delete(name: string): boolean {
    return this.#db.prepare('DELETE FROM templates WHERE name = ?').run(name).changes > 0;
  }
}
