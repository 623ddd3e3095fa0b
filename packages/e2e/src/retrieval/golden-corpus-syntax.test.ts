/**
 * The golden corpus must be real code: each file is checked by its language's own parser
 * (python3 -m py_compile, node --check, the TypeScript parser, javac's parser when a JDK is
 * installed) and every Java file is also checked for balanced brackets. Each checker is first shown
 * to reject a broken snippet, so a checker that silently passes everything cannot go unnoticed.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoldenFile, type GoldenSet, loadGoldenSet } from './golden-set.js';

const execFileAsync = promisify(execFile);

interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a command to completion (stdin optional); `undefined` when the command is not installed. */
function run(command: string, args: readonly string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(undefined) : reject(error)));
    child.on('close', (code) => resolve({ code, output }));
    if (child.stdin !== null) {
      // A checker that exits before reading all of stdin (a syntax error early on) must not crash the test with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
  });
}

async function commandWorks(command: string, args: readonly string[]): Promise<boolean> {
  try {
    await execFileAsync(command, [...args]);
    return true;
  } catch {
    return false;
  }
}

/** Bracket balance of Java source, ignoring comments, string/char literals and text blocks. Returns the problems found. */
function javaBracketProblems(source: string): string[] {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: Array<{ ch: string; line: number }> = [];
  const problems: string[] = [];
  let line = 1;
  let i = 0;
  const at = (offset: number): string => source[i + offset] ?? '';
  while (i < source.length) {
    const ch = at(0);
    if (ch === '\n') {
      line += 1;
      i += 1;
    } else if (ch === '/' && at(1) === '/') {
      while (i < source.length && at(0) !== '\n') i += 1;
    } else if (ch === '/' && at(1) === '*') {
      i += 2;
      while (i < source.length && !(at(0) === '*' && at(1) === '/')) {
        if (at(0) === '\n') line += 1;
        i += 1;
      }
      i += 2;
    } else if (ch === '"' && at(1) === '"' && at(2) === '"') {
      i += 3;
      while (i < source.length && !(at(0) === '"' && at(1) === '"' && at(2) === '"')) {
        if (at(0) === '\n') line += 1;
        i += at(0) === '\\' ? 2 : 1;
      }
      i += 3;
    } else if (ch === '"' || ch === "'") {
      i += 1;
      while (i < source.length && at(0) !== ch) {
        if (at(0) === '\n') {
          problems.push(`line ${line}: unterminated ${ch === '"' ? 'string' : 'char'} literal`);
          break;
        }
        i += at(0) === '\\' ? 2 : 1;
      }
      i += 1;
    } else {
      if (ch === '(' || ch === '[' || ch === '{') stack.push({ ch, line });
      const open = pairs[ch];
      if (open !== undefined) {
        const top = stack.pop();
        if (top === undefined) problems.push(`line ${line}: unexpected '${ch}'`);
        else if (top.ch !== open) problems.push(`line ${line}: '${ch}' closes '${top.ch}' opened on line ${top.line}`);
      }
      i += 1;
    }
  }
  for (const open of stack) problems.push(`line ${open.line}: '${open.ch}' is never closed`);
  return problems;
}

/** A parse-only javac run (no classpath needed): syntax errors only, one line per error. */
const JAVA_PARSE_CHECK = `
import com.sun.source.util.JavacTask;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.tools.*;

public class ParseCheck {
    public static void main(String[] args) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, null)) {
            List<File> files = new ArrayList<>();
            for (String a : args) files.add(new File(a));
            JavacTask task = (JavacTask) compiler.getTask(null, fm, diagnostics, List.of("-proc:none"), null, fm.getJavaFileObjectsFromFiles(files));
            task.parse();
        }
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors++;
                System.out.println(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        System.exit(errors == 0 ? 0 : 1);
    }
}
`;

function typeScriptSyntaxErrors(file: { path: string; content: string }): string[] {
  const out = ts.transpileModule(file.content, { fileName: file.path, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return (out.diagnostics ?? []).map((d) => `${file.path}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

async function nodeCheckErrors(file: { path: string; content: string }): Promise<string[]> {
  const result = await run(process.execPath, ['--input-type=module', '--check'], { stdin: file.content });
  return result?.code === 0 ? [] : [`${file.path}: ${result?.output ?? 'node did not run'}`];
}

describe('golden corpus syntax', () => {
  let set: GoldenSet;
  let work: string;
  const ofLanguage = (language: GoldenFile['language']): readonly GoldenFile[] => set.files.filter((f) => f.language === language);

  beforeAll(async () => {
    set = await loadGoldenSet();
    work = await mkdtemp(join(tmpdir(), 'rv-golden-syntax-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function pyCompile(paths: readonly string[]): Promise<RunResult | undefined> {
    // Byte-code goes to a temp dir, never into the corpus.
    return run('python3', ['-m', 'py_compile', ...paths], { env: { ...process.env, PYTHONPYCACHEPREFIX: join(work, 'pycache') } });
  }

  it('Python files compile with python3 -m py_compile', async (ctx) => {
    const probe = await run('python3', ['--version']);
    ctx.skip(probe?.code !== 0, 'python3 is not installed, so the Python files cannot be compiled here');
    const broken = join(work, 'broken.py');
    await writeFile(broken, 'def f(:\n    pass\n');
    expect((await pyCompile([broken]))?.code, 'py_compile must reject a broken file').not.toBe(0);

    const files = ofLanguage('python').map((f) => join(set.dir, f.path));
    expect(files.length).toBeGreaterThan(0);
    const result = await pyCompile(files);
    expect(result?.output).toBe('');
    expect(result?.code).toBe(0);
  });

  it('JavaScript files pass node --check as ES modules', async () => {
    expect(await nodeCheckErrors({ path: 'broken.js', content: 'export const a = ;\n' })).toHaveLength(1);

    const files = ofLanguage('javascript');
    expect(files.length).toBeGreaterThan(0);
    const errors = (await Promise.all(files.map(nodeCheckErrors))).flat();
    expect(errors).toEqual([]);
  });

  it('TypeScript files parse with the TypeScript compiler', () => {
    expect(typeScriptSyntaxErrors({ path: 'broken.ts', content: 'export function f(: number {}\n' }).length).toBeGreaterThan(0);

    const errors = ofLanguage('typescript').flatMap(typeScriptSyntaxErrors);
    expect(errors).toEqual([]);
  });

  it('Java files have balanced brackets outside comments and literals', () => {
    expect(javaBracketProblems('class A { void f() { g(); }\n')).toEqual(["line 1: '{' is never closed"]);
    expect(javaBracketProblems('class A { String s = "}"; char c = \'{\'; /* } */ String t = """\n  ) \n"""; }')).toEqual([]);
    expect(javaBracketProblems('class A { void f( } }')).toEqual(["line 1: '}' closes '(' opened on line 1"]);

    const java = ofLanguage('java');
    expect(java.length).toBeGreaterThan(0);
    const problems = java.flatMap((f) => javaBracketProblems(f.content).map((p) => `${f.path} ${p}`));
    expect(problems).toEqual([]);
  });

  it("Java files parse with javac's parser", async (ctx) => {
    const hasJdk = await commandWorks('javac', ['-version']);
    ctx.skip(!hasJdk, 'no JDK (javac) is installed, so only the bracket check above covers Java here');
    const checker = join(work, 'ParseCheck.java');
    await writeFile(checker, JAVA_PARSE_CHECK);
    const broken = join(work, 'Broken.java');
    await writeFile(broken, 'class Broken { void f() { int x = ; } }\n');
    expect((await run('java', [checker, broken]))?.code, 'the parser must reject a broken file').toBe(1);

    const result = await run('java', [checker, ...ofLanguage('java').map((f) => join(set.dir, f.path))]);
    expect(result?.output).toBe('');
    expect(result?.code).toBe(0);
  }, 120_000);
});
