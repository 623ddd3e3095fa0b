import type { ChunkType, CodeChunk } from './code-chunk.js';

/** A `{ … }` block with the declaration text before it. */
interface Block {
  readonly header: string;
  readonly headerStart: number;
  readonly open: number;
  readonly close: number;
  readonly depth: number;
}

/**
 * Every brace block of a C-like source with its header (the text since the previous `;`, `{` or
 * `}`), skipping strings, template literals, char literals and comments.
 */
export function braceBlocks(code: string): Block[] {
  const blocks: Block[] = [];
  const stack: Array<{ open: number; header: string; headerStart: number }> = [];
  let headerStart = 0;
  let i = 0;
  const n = code.length;
  while (i < n) {
    const ch = code[i] as string;
    if (ch === '/' && code[i + 1] === '/') {
      const end = code.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (ch === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      i += 1;
      while (i < n && code[i] !== ch) {
        if (code[i] === '\\') i += 1;
        else if (ch !== '`' && code[i] === '\n') break;
        i += 1;
      }
      i += 1;
      continue;
    }
    if (ch === '{') {
      stack.push({ open: i, header: code.slice(headerStart, i), headerStart });
      headerStart = i + 1;
    } else if (ch === '}') {
      const top = stack.pop();
      if (top !== undefined) blocks.push({ header: top.header, headerStart: top.headerStart, open: top.open, close: i, depth: stack.length });
      headerStart = i + 1;
    } else if (ch === ';') {
      headerStart = i + 1;
    }
    i += 1;
  }
  return blocks.sort((a, b) => a.open - b.open);
}

/** Converts character offsets to 1-based line numbers. */
export function lineIndex(code: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < code.length; i += 1) if (code[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** A declaration a language recognises in a block header. */
export interface Declaration {
  readonly name: string;
  readonly codeType: ChunkType;
}

/**
 * Chunks a brace language: every block whose header `classify` recognises at the top level
 * becomes a chunk; inside a type, its members (depth + 1) are recognised with `classifyMember`.
 */
export function chunkBraces(code: string, classify: (header: string) => Declaration | undefined, classifyMember: (header: string) => Declaration | undefined): CodeChunk[] {
  const text = code.replace(/\r\n?/g, '\n');
  const line = lineIndex(text);
  const blocks = braceBlocks(text);
  const chunks: CodeChunk[] = [];
  const types: Array<{ block: Block; name: string }> = [];
  const claimed: Array<{ open: number; close: number }> = [];
  for (const block of blocks) {
    const inside = claimed.some((c) => block.open > c.open && block.close < c.close);
    const parent = types.filter((t) => block.open > t.block.open && block.close < t.block.close).at(-1);
    const member = parent !== undefined && block.depth === parent.block.depth + 1;
    if (inside && !member) continue;
    const declaration = member ? classifyMember(block.header) : classify(block.header);
    if (declaration === undefined) continue;
    const startOffset = block.headerStart + (block.header.length - block.header.trimStart().length);
    const lineStart = line(startOffset);
    const lineEnd = line(block.close);
    const content = text.slice(startOffset, block.close + 1);
    chunks.push({ ...declaration, content, lineStart, lineEnd, ...(member && parent !== undefined ? { parentClass: parent.name } : {}) });
    if (declaration.codeType === 'class' || declaration.codeType === 'interface' || declaration.codeType === 'enum') types.push({ block, name: declaration.name });
    else claimed.push({ open: block.open, close: block.close });
  }
  return chunks;
}
