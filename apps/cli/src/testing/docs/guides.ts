import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMarkdownDoc, type MarkdownDoc } from './markdown-doc.js';

/** The repository root (this file is apps/cli/{src,dist}/testing/docs/guides.*). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/** The operations guides, relative to the repository root. */
export const GUIDES = ['docs/README.md', 'docs/deployment.md', 'docs/monitoring.md', 'docs/incident-response.md', 'docs/performance-tuning.md'] as const;

/** The built CLI the guides' commands run against. */
export const CLI_BIN = fileURLToPath(new URL('../../../bin/rag-validate.js', import.meta.url));

export interface Guide {
  /** Relative to the repository root. */
  readonly path: string;
  readonly text: string;
  readonly doc: MarkdownDoc;
}

/** Reads and parses a Markdown file of the repository. */
export function readGuide(path: string): Guide {
  const text = readFileSync(join(REPO_ROOT, path), 'utf8');
  return { path, text, doc: parseMarkdownDoc(text) };
}
