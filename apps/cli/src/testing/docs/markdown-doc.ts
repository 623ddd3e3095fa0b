/** A `<!-- docs-check: … -->` directive placed right before a fenced block. */
export type DocMarker = { readonly kind: 'target' } | { readonly kind: 'parse' } | { readonly kind: 'file'; readonly name: string };

export interface FencedBlock {
  /** The info string's first word (`sh`, `yaml`, `promql`, …), '' when none. */
  readonly lang: string;
  readonly content: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly marker: DocMarker | undefined;
}

export interface Heading {
  readonly level: number;
  readonly text: string;
  /** The anchor GitHub gives the heading (duplicates get `-1`, `-2`, …). */
  readonly slug: string;
  readonly line: number;
}

export interface DocLink {
  readonly text: string;
  readonly target: string;
  readonly line: number;
}

export interface InlineCode {
  readonly code: string;
  readonly line: number;
}

export interface MarkdownDoc {
  readonly headings: readonly Heading[];
  readonly blocks: readonly FencedBlock[];
  readonly links: readonly DocLink[];
  readonly inlineCode: readonly InlineCode[];
  /** Problems in the doc's own structure (a marker without a block, an unknown directive, an unclosed fence). */
  readonly problems: readonly string[];
}

const MARKER = /^<!--\s*docs-check:\s*(.*?)\s*-->$/;

/**
 * The anchor GitHub renders for a heading text: inline markup removed, lower-cased, punctuation
 * other than `-` and `_` dropped, each space a `-` (the github-slugger rules).
 */
export function githubSlug(text: string): string {
  return headingText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Heading text as rendered: links reduced to their text, code and emphasis markers removed. */
function headingText(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '').trim();
}

function parseMarker(body: string): DocMarker | string {
  const [directive, ...args] = body.split(/\s+/);
  if (directive === 'target' && args.length === 0) return { kind: 'target' };
  if (directive === 'parse' && args.length === 0) return { kind: 'parse' };
  if (directive === 'file' && args.length === 1 && args[0] !== undefined && /^[\w.-]+$/.test(args[0])) return { kind: 'file', name: args[0] };
  return `unknown docs-check directive "${body}" (expected target, parse or file <name>)`;
}

/** Reads the parts of a Markdown guide the docs checks look at. Never throws: structural problems are listed. */
export function parseMarkdownDoc(text: string): MarkdownDoc {
  const lines = text.split('\n');
  const headings: Heading[] = [];
  const blocks: FencedBlock[] = [];
  const links: DocLink[] = [];
  const inlineCode: InlineCode[] = [];
  const problems: string[] = [];
  const slugCounts = new Map<string, number>();
  let pending: { marker: DocMarker; line: number } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    const fence = /^```\s*([\w-]*)/.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) body.push(lines[i] ?? '');
      if (i >= lines.length) problems.push(`line ${start + 1}: the fenced block is never closed`);
      blocks.push({ lang: fence[1] ?? '', content: body.join('\n'), line: start + 1, marker: pending?.marker });
      pending = undefined;
      continue;
    }
    if (line.trim() === '') continue;
    if (pending) {
      problems.push(`line ${pending.line}: a docs-check marker must be followed by a fenced block`);
      pending = undefined;
    }
    const marker = MARKER.exec(line.trim());
    if (marker) {
      const parsed = parseMarker(marker[1] ?? '');
      if (typeof parsed === 'string') problems.push(`line ${lineNo}: ${parsed}`);
      else pending = { marker: parsed, line: lineNo };
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = githubSlug(heading[2] ?? '');
      const seen = slugCounts.get(base) ?? 0;
      slugCounts.set(base, seen + 1);
      headings.push({ level: heading[1]?.length ?? 0, text: headingText(heading[2] ?? ''), slug: seen === 0 ? base : `${base}-${seen}`, line: lineNo });
    }
    const codeSpans = [...line.matchAll(/`([^`]+)`/g)];
    for (const span of codeSpans) inlineCode.push({ code: span[1] ?? '', line: lineNo });
    const prose = line.replace(/`[^`]+`/g, (span) => ' '.repeat(span.length));
    for (const link of prose.matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)) links.push({ text: link[1] ?? '', target: link[2] ?? '', line: lineNo });
  }
  if (pending) problems.push(`line ${pending.line}: a docs-check marker must be followed by a fenced block`);
  return { headings, blocks, links, inlineCode, problems };
}
