import type { MarkdownDoc } from './markdown-doc.js';

/** Tools whose lines in a guide's `sh` blocks are executed; every other line is shown, not run. */
export const RUN_TOOLS = ['rag-validate', 'cp', 'mkdir', 'promtool'] as const;
export type RunTool = (typeof RUN_TOOLS)[number];

/** How a command of a guide is checked: run for real, run against the test's live stack, or only parsed. */
export type CheckMode = 'run' | 'target' | 'parse';

export interface FileStep {
  readonly kind: 'file';
  readonly name: string;
  readonly content: string;
  readonly line: number;
}

export interface CommandStep {
  readonly kind: 'command';
  readonly mode: CheckMode;
  readonly tool: RunTool;
  /** The command as the guide shows it (continuations joined, trailing comment removed). */
  readonly shown: string;
  /** Arguments after the tool name, of the command that is checked (`# checked as:` when given). */
  readonly args: readonly string[];
  /** `NAME=value` assignments before the command. */
  readonly env: Readonly<Record<string, string>>;
  /** The exit code the guide claims (`# exit N`), else 0. */
  readonly expectedExit: number;
  /** The `# checked as: …` substitute, when the guide names one. */
  readonly checkedAs: string | undefined;
  readonly line: number;
}

export type DocStep = FileStep | CommandStep;

/** A `sh` line the docs checks cannot run: it uses shell syntax they do not interpret. */
export class DocCommandSyntaxError extends Error {
  override readonly name = 'DocCommandSyntaxError';
}

/**
 * Splits a command line into words like a POSIX shell does for quotes and backslashes. Anything
 * that needs a real shell (variables, pipes, redirections, `;`, `&&`, command substitution) is
 * refused, so a guide's runnable commands stay copy-and-paste simple.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new DocCommandSyntaxError(`unterminated ' in: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        if (line[j] === '$' || line[j] === '`') throw new DocCommandSyntaxError(`shell expansion inside "…" is not supported in: ${line}`);
        word += line[j];
      }
      if (j >= line.length) throw new DocCommandSyntaxError(`unterminated " in: ${line}`);
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('$|&;<>`()'.includes(c)) {
      throw new DocCommandSyntaxError(`shell syntax "${c}" is not supported in a checked command: ${line}`);
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The position of a trailing ` # comment` outside quotes, or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return i;
  }
  return -1;
}

/** Lines of a `sh` block with `\` continuations joined, each with its 1-based line number in the doc. */
function logicalLines(content: string, firstLine: number): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | undefined;
  content.split('\n').forEach((raw, index) => {
    const line = firstLine + 1 + index;
    const continued = /\\\s*$/.test(raw);
    const text = continued ? raw.replace(/\\\s*$/, ' ') : raw;
    current = current ? { text: current.text + text, line: current.line } : { text, line };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

interface ParsedCommand {
  readonly tool: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

function parseCommand(text: string): ParsedCommand {
  const words = splitShellWords(text);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '')) {
    const assignment = words.shift() ?? '';
    const eq = assignment.indexOf('=');
    env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  if (words[0] === 'npx' && words[1] === 'rag-validate') words.shift();
  const [tool = '', ...args] = words;
  return { tool, args, env };
}

/** The first word of a line after `NAME=value` assignments and `npx`, without interpreting the rest. */
function firstTool(text: string): string {
  const words = text.trim().split(/\s+/);
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=\S*$/.test(words[0] ?? '')) words.shift();
  if (words[0] === 'npx') words.shift();
  return words[0] ?? '';
}

function isRunTool(tool: string): tool is RunTool {
  return (RUN_TOOLS as readonly string[]).includes(tool);
}

/**
 * The steps of a guide in document order: files its `file` markers write, and the runnable
 * commands of its `sh` blocks with the mode, exit code and substitute the guide gives them.
 * Throws `DocCommandSyntaxError` for a runnable line the checks cannot interpret.
 */
export function docSteps(doc: MarkdownDoc): DocStep[] {
  const steps: DocStep[] = [];
  for (const block of doc.blocks) {
    if (block.marker?.kind === 'file') {
      steps.push({ kind: 'file', name: block.marker.name, content: `${block.content}\n`, line: block.line });
      continue;
    }
    if (block.lang !== 'sh') continue;
    const mode: CheckMode = block.marker?.kind === 'target' ? 'target' : block.marker?.kind === 'parse' ? 'parse' : 'run';
    for (const { text, line } of logicalLines(block.content, block.line)) {
      const hash = commentStart(text);
      const command = (hash < 0 ? text : text.slice(0, hash)).trim();
      const comment = hash < 0 ? '' : text.slice(hash + 1).trim();
      if (command === '' || !isRunTool(firstTool(command))) continue;
      const shown = parseCommand(command);
      if (!isRunTool(shown.tool)) continue;
      if (mode === 'parse' && shown.tool !== 'rag-validate') continue;
      const checkedAs = /checked as:\s*(.+)$/.exec(comment)?.[1]?.trim();
      const checked = checkedAs === undefined ? shown : parseCommand(checkedAs);
      if (checked.tool !== shown.tool) throw new DocCommandSyntaxError(`line ${line}: "checked as" must run the same tool (${shown.tool}), got: ${checkedAs}`);
      const exit = /\bexit (\d+)\b/.exec(comment)?.[1];
      steps.push({
        kind: 'command',
        mode,
        tool: shown.tool,
        shown: command,
        args: checked.args,
        env: { ...shown.env, ...checked.env },
        expectedExit: exit === undefined ? 0 : Number(exit),
        checkedAs,
        line,
      });
    }
  }
  return steps;
}
