import { chunkBraces, type Declaration } from './brace-chunker.js';
import type { CodeChunk } from './code-chunk.js';

const TYPE = /(?:^|\s)(class|interface|enum|record)\s+([A-Z_$][\w$]*)/;
const METHOD = /([A-Za-z_$][\w$]*)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*(?:throws\s+[\w$.,\s<>]+)?\s*$/;
const NOT_METHODS = new Set(['if', 'for', 'while', 'switch', 'catch', 'synchronized', 'try', 'else', 'do', 'return', 'new']);

function stripComments(header: string): string {
  return header.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ');
}

function classifyType(header: string): Declaration | undefined {
  const h = stripComments(header);
  const match = TYPE.exec(h);
  if (match === null || /=|\bnew\b/.test(h)) return undefined;
  const kind = match[1] === 'interface' ? 'interface' : match[1] === 'enum' ? 'enum' : 'class';
  return { name: match[2] as string, codeType: kind };
}

function classifyMember(header: string): Declaration | undefined {
  const type = classifyType(header);
  if (type !== undefined) return type;
  const h = stripComments(header).replace(/@\w+(?:\([^)]*\))?/g, ' ').trim();
  const match = METHOD.exec(h);
  if (match === null || NOT_METHODS.has(match[1] as string) || /[=;]/.test(h.slice(0, match.index))) return undefined;
  return { name: match[1] as string, codeType: 'method' };
}

/** Java types (class, interface, enum, record) and their methods and constructors. */
export function chunkJava(content: string): CodeChunk[] {
  return chunkBraces(content, classifyType, classifyMember);
}
