import type { CodeChunk } from './code-chunk.js';

const DEF = /^(\s*)(?:async\s+)?def\s+([A-Za-z_]\w*)/;
const CLASS = /^(\s*)class\s+([A-Za-z_]\w*)/;

function indentOf(line: string): number {
  return (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '        ').length;
}

/** Lines inside a triple-quoted string, so a docstring's unindented text does not end a block. */
function stringLines(lines: readonly string[]): boolean[] {
  const inside: boolean[] = [];
  let open: string | undefined;
  for (const line of lines) {
    inside.push(open !== undefined);
    for (const match of line.matchAll(/"""|'''/g)) {
      if (open === undefined) open = match[0];
      else if (open === match[0]) open = undefined;
    }
  }
  return inside;
}

/** Top-level functions and classes of a Python file, and the methods of those classes. */
export function chunkPython(content: string): CodeChunk[] {
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  const inString = stringLines(lines);
  const chunks: CodeChunk[] = [];

  const blockEnd = (start: number, indent: number): number => {
    let end = start;
    for (let i = start + 1; i < lines.length; i += 1) {
      const line = lines[i] as string;
      if (line.trim().length === 0 || inString[i] === true) continue;
      if (indentOf(line) <= indent && !line.trim().startsWith('#')) break;
      end = i;
    }
    return end;
  };
  const withDecorators = (start: number, indent: number): number => {
    let first = start;
    while (first > 0 && (lines[first - 1] as string).trim().startsWith('@') && indentOf(lines[first - 1] as string) === indent) first -= 1;
    return first;
  };

  for (let i = 0; i < lines.length; i += 1) {
    if (inString[i] === true) continue;
    const line = lines[i] as string;
    if (indentOf(line) !== 0) continue;
    const def = DEF.exec(line);
    const cls = def === null ? CLASS.exec(line) : null;
    const name = def?.[2] ?? cls?.[2];
    if (name === undefined) continue;
    const first = withDecorators(i, 0);
    const end = blockEnd(i, 0);
    chunks.push({ name, codeType: def !== null ? 'function' : 'class', content: lines.slice(first, end + 1).join('\n'), lineStart: first + 1, lineEnd: end + 1 });
    if (cls !== null) {
      let bodyIndent: number | undefined;
      for (let j = i + 1; j <= end; j += 1) {
        const inner = lines[j] as string;
        if (inString[j] === true || inner.trim().length === 0) continue;
        bodyIndent ??= indentOf(inner);
        if (indentOf(inner) !== bodyIndent) continue;
        const method = DEF.exec(inner);
        if (method === null) continue;
        const methodStart = withDecorators(j, bodyIndent);
        const methodEnd = blockEnd(j, bodyIndent);
        chunks.push({ name: method[2] as string, codeType: 'method', parentClass: name, content: lines.slice(methodStart, methodEnd + 1).join('\n'), lineStart: methodStart + 1, lineEnd: methodEnd + 1 });
        j = methodEnd;
      }
    }
    i = end;
  }
  return chunks;
}
