import { spawn } from 'node:child_process';
import { Script } from 'node:vm';

/** Whether generated code is valid in its language, and how that was decided. */
export interface CodeValidity {
  readonly valid: boolean;
  /** `python3 ast.parse`, `V8 parse`, `brace balance`, or `not checked`. */
  readonly method: string;
  readonly error?: string;
}

/**
 * Checks that code is syntactically valid: Python with the real `ast.parse` (python3 must be on
 * PATH; otherwise `not checked`), JavaScript with V8's parser (without running it), Java and Go
 * with the brace/parenthesis balance the Task-06 server uses, TypeScript by balance as well.
 */
export async function checkCodeValidity(code: string, language: string): Promise<CodeValidity> {
  switch (language) {
    case 'python':
      return checkPython(code);
    case 'javascript':
      try {
        new Script(code, { filename: 'generated.js' });
        return { valid: true, method: 'V8 parse' };
      } catch (error) {
        return isModuleSyntax(error) ? checkModule(code) : { valid: false, method: 'V8 parse', error: (error as Error).message };
      }
    default: {
      const problem = balanceProblem(code);
      return problem === undefined ? { valid: true, method: 'brace balance' } : { valid: false, method: 'brace balance', error: problem };
    }
  }
}

function isModuleSyntax(error: unknown): boolean {
  return error instanceof SyntaxError && /import|export/.test(error.message);
}

async function checkModule(code: string): Promise<CodeValidity> {
  // ES module syntax (import/export) is valid JavaScript; V8's Script parser only takes scripts.
  const { SourceTextModule } = (await import('node:vm')) as { SourceTextModule?: new (code: string) => unknown };
  if (SourceTextModule === undefined) {
    const problem = balanceProblem(code);
    return problem === undefined ? { valid: true, method: 'brace balance (module)' } : { valid: false, method: 'brace balance (module)', error: problem };
  }
  try {
    new SourceTextModule(code);
    return { valid: true, method: 'V8 module parse' };
  } catch (error) {
    return { valid: false, method: 'V8 module parse', error: (error as Error).message };
  }
}

function checkPython(code: string): Promise<CodeValidity> {
  return new Promise((resolve) => {
    const child = spawn('python3', ['-c', 'import ast, sys\nast.parse(sys.stdin.read())'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ valid: true, method: 'not checked', error: 'python3 is not installed' });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (status === 0) resolve({ valid: true, method: 'python3 ast.parse' });
      else resolve({ valid: false, method: 'python3 ast.parse', error: stderr.trim().split('\n').slice(-2).join(' ') || `exit ${status}` });
    });
    child.stdin.end(code);
  });
}

const PAIRS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** The first bracket that does not balance, ignoring strings and comments; undefined when balanced. */
export function balanceProblem(code: string): string | undefined {
  const stack: string[] = [];
  const stripped = code
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`/g, '""');
  for (const char of stripped) {
    if (char === '(' || char === '[' || char === '{') stack.push(char);
    else if (char in PAIRS) {
      if (stack.pop() !== PAIRS[char]) return `unbalanced "${char}"`;
    }
  }
  return stack.length === 0 ? undefined : `${stack.length} unclosed "${stack.at(-1) ?? ''}"`;
}
