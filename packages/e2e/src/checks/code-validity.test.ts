import { describe, expect, it } from 'vitest';
import { balanceProblem, checkCodeValidity } from './code-validity.js';

describe('checkCodeValidity', () => {
  it('accepts valid Python and rejects a fenced, chatty answer with python3 ast.parse', async () => {
    const good = await checkCodeValidity('import pandas as pd\n\ndef read(path):\n    return pd.read_csv(path)\n', 'python');
    expect(good).toEqual({ valid: true, method: 'python3 ast.parse' });
    const fenced = await checkCodeValidity('Here is the code:\n```python\ndef read(path):\n    return 1\n```', 'python');
    expect(fenced.valid).toBe(false);
    expect(fenced.method).toBe('python3 ast.parse');
    expect(fenced.error).toMatch(/SyntaxError|invalid/);
  });

  it('parses JavaScript with V8 without running it, scripts and modules', async () => {
    expect((await checkCodeValidity('function f(a) { return a * 2; }\nprocess.exit(3);', 'javascript')).valid).toBe(true);
    expect((await checkCodeValidity("import fs from 'node:fs';\nexport const x = 1;", 'javascript')).valid).toBe(true);
    const broken = await checkCodeValidity('function f(a) { return a * ; }', 'javascript');
    expect(broken.valid).toBe(false);
  });

  it('checks Java by brace balance, ignoring braces inside strings and comments', async () => {
    expect((await checkCodeValidity('class A { String s = "}"; /* { */ void f() { } }', 'java')).valid).toBe(true);
    expect(balanceProblem('class A { void f() { }')).toBe('1 unclosed "{"');
    expect(balanceProblem('f(a))')).toBe('unbalanced ")"');
  });
});
