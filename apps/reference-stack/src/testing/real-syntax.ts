import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's python3 first: a pyenv shim on PATH costs ~0.5 s per call. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function hasCommand(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/** True when `python3` can run here (the real `ast.parse` check). */
export const PYTHON3_AVAILABLE = hasCommand(PYTHON, ['-c', 'import ast']);

const PARSE_ALL = `
import ast, json, sys
out = []
for code in json.load(sys.stdin):
    try:
        ast.parse(code)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.msg} (line {e.lineno})")
print(json.dumps(out))
`;

/** Python's own parser on many snippets in one process: undefined per snippet that parses, else the error. */
export function pythonParseErrors(codes: readonly string[]): Array<string | undefined> {
  const result = spawnSync(PYTHON, ['-c', PARSE_ALL], { input: JSON.stringify(codes), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as Array<string | null>).map((e) => e ?? undefined);
}

/** Python's own parser: undefined when the code parses, else its error message. */
export function pythonParseError(code: string): string | undefined {
  return pythonParseErrors([code])[0];
}

/** Node's own parser (`node --check`): undefined when the code parses, else its error. */
export function nodeCheckError(code: string, extension: '.js' | '.mjs' | '.cjs'): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'refstack-nodecheck-'));
  try {
    const file = join(dir, `snippet${extension}`);
    writeFileSync(file, code);
    const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    return result.status === 0 ? undefined : result.stderr.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
