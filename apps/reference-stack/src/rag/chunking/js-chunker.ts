import { chunkBraces, type Declaration } from './brace-chunker.js';
import type { CodeChunk } from './code-chunk.js';

const FUNCTION = /(?:^|[\s;])(?:export\s+(?:default\s+)?)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^]*\)[^]*$/;
const ARROW = /(?:^|[\s;])(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b[^]*|\([^]*\)\s*(?::[^=]+)?=>\s*|[A-Za-z_$][\w$]*\s*=>\s*)$/;
const CLASS = /(?:^|[\s;])(?:export\s+(?:default\s+)?)?(?:abstract\s+)?(class|interface|enum)\s+([A-Za-z_$][\w$]*)/;
const METHOD = /^(?:(?:public|private|protected|static|async|readonly|override|abstract|get|set)\s+)*\*?\s*([A-Za-z_$#][\w$]*)\s*(?:<[^>]*>)?\s*\([^]*\)\s*(?::[^{]+)?$/;
const NOT_METHODS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'else', 'do', 'try']);

function stripComments(header: string): string {
  return header.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ').trim();
}

function classify(header: string): Declaration | undefined {
  const h = stripComments(header);
  const cls = CLASS.exec(h);
  if (cls !== null && !/=\s*$/.test(h)) return { name: cls[2] as string, codeType: cls[1] === 'interface' ? 'interface' : cls[1] === 'enum' ? 'enum' : 'class' };
  const fn = FUNCTION.exec(h) ?? ARROW.exec(h);
  if (fn !== null) return { name: fn[1] as string, codeType: 'function' };
  return undefined;
}

function classifyMember(header: string): Declaration | undefined {
  const h = stripComments(header);
  const method = METHOD.exec(h);
  if (method === null || NOT_METHODS.has(method[1] as string)) return undefined;
  return { name: method[1] as string, codeType: 'method' };
}

/** Top-level functions (declarations and `const f = () => {}`), classes and their methods. */
export function chunkJavaScript(content: string): CodeChunk[] {
  return chunkBraces(content, classify, classifyMember);
}
