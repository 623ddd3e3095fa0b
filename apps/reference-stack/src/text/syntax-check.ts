/** The result of a syntax check: ok, or the first problem found. */
export type SyntaxCheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly line: number };

const PAIRS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const PY_COMPOUND = /^(?:async\s+)?(?:def|class|if|elif|else|for|while|try|except|finally|with|match|case)\b/;
const PY_STRING_START = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?("""|'''|"|')/;

function fail(reason: string, line: number): SyntaxCheckResult {
  return { ok: false, reason, line };
}

const DOTTED = String.raw`[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*`;
const ALIASED = (name: string): string => String.raw`${name}(?:\s+as\s+[A-Za-z_]\w*)?`;
const IMPORT_STATEMENT = new RegExp(String.raw`^import\s+${ALIASED(DOTTED)}(?:\s*,\s*${ALIASED(DOTTED)})*$`);
const FROM_IMPORT_STATEMENT = new RegExp(
  String.raw`^from\s+(?:\.+(?:${DOTTED})?|${DOTTED})\s+import\s+(?:\*|\(?\s*${ALIASED('[A-Za-z_]\\w*')}(?:\s*,\s*${ALIASED('[A-Za-z_]\\w*')})*\s*,?\s*\)?)$`,
);
const DANGLING_KEYWORD = /(?:^|[^\w.])(?:as|import|from|in|and|or|not|is|if|else|lambda|del|assert|raise\s+from|with|yield\s+from|await)$/;

/** Why a complete logical line (strings replaced by "s") is not a whole statement, or undefined. */
function incompleteStatement(statement: string): string | undefined {
  if (/^import\b/.test(statement)) return IMPORT_STATEMENT.test(statement) ? undefined : 'invalid import statement';
  if (/^from\b/.test(statement)) return FROM_IMPORT_STATEMENT.test(statement) ? undefined : 'invalid from-import statement';
  if (/(?:[=+\-*/%&|^<>@,~]|(?<!\.\.)\.)$/.test(statement) && !statement.endsWith('...')) return `statement ends with '${statement.slice(-1)}'`;
  if (!statement.endsWith(':') && DANGLING_KEYWORD.test(statement) && !/^(?:else|pass|return|break|continue)$/.test(statement)) return 'statement ends with a keyword';
  return undefined;
}

/**
 * A Python syntax check without Python: strings (prefixes, triple quotes), comments, bracket
 * nesting with implicit line joining, backslash continuation, indentation (indent after a block
 * opener, dedent to a known level), block openers ending in `:`, and no markdown fences or prose.
 * It accepts what `ast.parse` accepts for the code the reference LLM writes and rejects the usual
 * ways a chat answer fails to parse (fences, explanations, unbalanced brackets, bad indentation).
 */
export function checkPythonSyntax(code: string): SyntaxCheckResult {
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  const stack: Array<{ char: string; line: number }> = [];
  const indents: number[] = [0];
  let inString: { quote: string; line: number } | undefined;
  let continuation = false;
  let expectIndent = false;
  let logical = '';
  let logicalStart = 0;

  for (let index = 0; index < lines.length; index += 1) {
    const lineNo = index + 1;
    const raw = lines[index] as string;
    const startsLogical = inString === undefined && stack.length === 0 && !continuation;
    if (startsLogical) {
      const stripped = raw.trim();
      if (stripped.length === 0 || stripped.startsWith('#')) continue;
      if (stripped.startsWith('```')) return fail('markdown code fence is not Python', lineNo);
      const indentText = /^[ \t]*/.exec(raw)?.[0] ?? '';
      const indent = indentText.replace(/\t/g, '        ').length;
      const top = indents.at(-1) ?? 0;
      if (expectIndent) {
        if (indent <= top) return fail('expected an indented block', lineNo);
        indents.push(indent);
        expectIndent = false;
      } else if (indent > top) {
        return fail('unexpected indent', lineNo);
      } else if (indent < top) {
        while ((indents.at(-1) ?? 0) > indent) indents.pop();
        if ((indents.at(-1) ?? 0) !== indent) return fail('unindent does not match any outer indentation level', lineNo);
      }
      logical = '';
      logicalStart = lineNo;
    }
    continuation = false;
    let i = 0;
    while (i < raw.length) {
      if (inString !== undefined) {
        const q = inString.quote;
        if (raw[i] === '\\') {
          i += 2;
          continue;
        }
        if (raw.startsWith(q, i)) {
          inString = undefined;
          i += q.length;
          logical += '"s"';
          continue;
        }
        i += 1;
        continue;
      }
      const rest = raw.slice(i);
      const ch = raw[i] as string;
      if (ch === '#') break;
      const prev = i > 0 ? (raw[i - 1] as string) : ' ';
      const stringStart = /[A-Za-z0-9_]/.test(prev) ? null : PY_STRING_START.exec(rest);
      if (stringStart !== null) {
        const quote = stringStart[1] as string;
        inString = { quote, line: lineNo };
        i += stringStart[0].length;
        continue;
      }
      if (ch === '\\' && i === raw.length - 1) {
        continuation = true;
        i += 1;
        continue;
      }
      if (ch === '(' || ch === '[' || ch === '{') stack.push({ char: ch, line: lineNo });
      else if (ch === ')' || ch === ']' || ch === '}') {
        const open = stack.pop();
        if (open === undefined) return fail(`unmatched '${ch}'`, lineNo);
        if (open.char !== PAIRS[ch]) return fail(`closing '${ch}' does not match '${open.char}' opened on line ${open.line}`, lineNo);
      }
      logical += ch;
      i += 1;
    }
    if (inString !== undefined && inString.quote.length === 1) return fail('unterminated string literal', inString.line);
    logical += ' ';
    const ended = inString === undefined && stack.length === 0 && !continuation;
    if (ended) {
      const statement = logical.trim();
      const compound = PY_COMPOUND.test(statement);
      if (statement.endsWith(':')) {
        if (!compound && !/^lambda\b/.test(statement)) return fail(`a line ending in ':' must open a block (def, class, if, for, ...): "${statement.slice(0, 40)}"`, logicalStart);
        expectIndent = true;
      } else if (compound && !/:/.test(statement)) {
        return fail(`'${statement.split(/\s/)[0] ?? ''}' statement without ':'`, logicalStart);
      }
      const incomplete = incompleteStatement(statement);
      if (incomplete !== undefined) return fail(incomplete, logicalStart);
      if (/^(?:async\s+)?def\b/.test(statement) && !/^(?:async\s+)?def\s+[A-Za-z_]\w*\s*\(/.test(statement)) return fail('invalid function definition', logicalStart);
      if (/^class\b/.test(statement) && !/^class\s+[A-Za-z_]\w*\s*[(:]/.test(statement)) return fail('invalid class definition', logicalStart);
    }
  }
  if (inString !== undefined) return fail('unterminated triple-quoted string', inString.line);
  const open = stack.at(-1);
  if (open !== undefined) return fail(`'${open.char}' was never closed`, open.line);
  if (continuation) return fail('unexpected end of file after line continuation', lines.length);
  if (expectIndent) return fail('expected an indented block at end of file', lines.length);
  return { ok: true };
}

/**
 * Bracket balance for C-like languages, skipping string/char literals (and JS template literals)
 * and comments.
 */
export function checkBracketBalance(code: string, options: { templateLiterals?: boolean } = {}): SyntaxCheckResult {
  const stack: Array<{ char: string; line: number }> = [];
  let line = 1;
  let i = 0;
  while (i < code.length) {
    const ch = code[i] as string;
    if (ch === '\n') {
      line += 1;
      i += 1;
      continue;
    }
    if (code.startsWith('//', i)) {
      while (i < code.length && code[i] !== '\n') i += 1;
      continue;
    }
    if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return fail('unterminated comment', line);
      for (const c of code.slice(i, end)) if (c === '\n') line += 1;
      i = end + 2;
      continue;
    }
    if (ch === '"' || ch === "'" || (ch === '`' && options.templateLiterals === true)) {
      const startLine = line;
      i += 1;
      while (i < code.length && code[i] !== ch) {
        if (code[i] === '\\') i += 1;
        else if (code[i] === '\n') {
          if (ch !== '`') return fail('unterminated string literal', startLine);
          line += 1;
        }
        i += 1;
      }
      if (i >= code.length) return fail('unterminated string literal', startLine);
      i += 1;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') stack.push({ char: ch, line });
    else if (ch === ')' || ch === ']' || ch === '}') {
      const open = stack.pop();
      if (open === undefined) return fail(`unmatched '${ch}'`, line);
      if (open.char !== PAIRS[ch]) return fail(`closing '${ch}' does not match '${open.char}' opened on line ${open.line}`, line);
    }
    i += 1;
  }
  const open = stack.at(-1);
  if (open !== undefined) return fail(`'${open.char}' was never closed`, open.line);
  return { ok: true };
}

function stripLineComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && text[i + 1] === '/') return text.slice(0, i);
  }
  return text;
}

/**
 * Java: bracket balance plus the Task-06 statement heuristic, made precise: a line with an
 * assignment must end the statement with `;` unless it visibly continues (`{`, `,`, `(`, an
 * operator) or is an annotation or a `for` header.
 */
export function checkJavaSyntax(code: string): SyntaxCheckResult {
  const balance = checkBracketBalance(code);
  if (!balance.ok) return balance;
  if (/^\s*```/m.test(code)) return fail('markdown code fence is not Java', 1);
  const lines = code.split('\n');
  let inBlockComment = false;
  for (let index = 0; index < lines.length; index += 1) {
    let text = (lines[index] as string).trim();
    if (inBlockComment) {
      if (text.includes('*/')) inBlockComment = false;
      continue;
    }
    if (text.startsWith('/*')) {
      if (!text.includes('*/')) inBlockComment = true;
      continue;
    }
    text = stripLineComment(text).trim();
    if (text.length === 0 || text.startsWith('*') || text.startsWith('@') || /^for\s*\(/.test(text)) continue;
    const withoutStrings = text.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
    const assigns = /(?<![=!<>+\-*/%&|^])=(?![=>])/.test(withoutStrings);
    if (!assigns) continue;
    if (/[;{},([]$/.test(withoutStrings) || /(?:[+\-*/%&|^?:]|&&|\|\||->)$/.test(withoutStrings)) continue;
    return fail(`statement with '=' does not end with ';': "${text.slice(0, 60)}"`, index + 1);
  }
  return { ok: true };
}

export type CheckedLanguage = 'python' | 'java' | 'javascript' | 'typescript' | 'go';

/** The rag-server's generation check per language (python parses, java/js/ts/go brackets balance). */
export function checkGeneratedCode(language: CheckedLanguage, code: string): SyntaxCheckResult {
  switch (language) {
    case 'python':
      return checkPythonSyntax(code);
    case 'java':
      return checkJavaSyntax(code);
    case 'javascript':
    case 'typescript':
      return checkBracketBalance(code, { templateLiterals: true });
    case 'go':
      // Go raw strings use backticks, like JS template literals.
      return checkBracketBalance(code, { templateLiterals: true });
  }
}
