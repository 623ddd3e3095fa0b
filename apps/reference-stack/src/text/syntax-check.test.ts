import { describe, expect, it } from 'vitest';
import { PYTHON3_AVAILABLE, pythonParseErrors } from '../testing/real-syntax.js';
import { checkBracketBalance, checkGeneratedCode, checkJavaSyntax, checkPythonSyntax } from './syntax-check.js';

const VALID_PYTHON = [
  'import pandas as pd\n\n\ndef load(path):\n    return pd.read_csv(path)\n',
  'x = {"a": [1, 2, (3, 4)],\n     "b": None}\nprint(x)\n',
  'def f(a, *, b=1, **kw):\n    """Doc with \'quotes\' and "double" and # hash."""\n    if a:\n        return b\n    else:\n        return kw\n',
  'class A(object):\n    def m(self):\n        s = f"{self!r} {1 + 2}"\n        return s\n\n\nclass B:\n    pass\n',
  "s = '''multi\nline ( [ {\n'''\nt = r'\\d+'\n",
  'total = 1 + \\\n    2\n',
  'try:\n    pass\nexcept ValueError as e:\n    raise\nfinally:\n    pass\n',
  'async def g():\n    async with x as y:\n        await y\n',
  '# only a comment\n',
  'if x: y = 1\n',
  'items = [\n    1,\n    2,\n]\n',
];

const INVALID_PYTHON = [
  '```python\ndef f():\n    return 1\n```\n',
  'Here is the code:\ndef f():\n    return 1\n',
  'def f():\nreturn 1\n',
  'def f():\n    return (1\n',
  'x = [1, 2)\n',
  'def f()\n    return 1\n',
  "s = 'unterminated\n",
  's = """never closed\n',
  'if x:\n',
  'def f():\n        a = 1\n    b = 2\n',
  '  x = 1\n',
  'def 1f():\n    pass\n',
];

describe('checkPythonSyntax', () => {
  it.each(VALID_PYTHON)('accepts valid Python #%#', (code) => {
    expect(checkPythonSyntax(code)).toEqual({ ok: true });
  });

  it.each(INVALID_PYTHON)('rejects invalid Python #%#', (code) => {
    expect(checkPythonSyntax(code).ok).toBe(false);
  });

  it.skipIf(!PYTHON3_AVAILABLE)(`agrees with python3 ast.parse on every sample${PYTHON3_AVAILABLE ? '' : ' (skipped: python3 not found)'}`, () => {
    expect(pythonParseErrors(VALID_PYTHON)).toEqual(VALID_PYTHON.map(() => undefined));
    for (const [i, error] of pythonParseErrors(INVALID_PYTHON).entries()) expect(error, INVALID_PYTHON[i]).toBeDefined();
  });
});

describe('checkBracketBalance / checkJavaSyntax', () => {
  it('balances brackets outside strings and comments', () => {
    expect(checkBracketBalance('function f(a) { return "}" + \'{\'; } // }\n/* ( */')).toEqual({ ok: true });
    expect(checkBracketBalance('const t = `${a}` + `}`;', { templateLiterals: true })).toEqual({ ok: true });
    expect(checkBracketBalance('function f( { }').ok).toBe(false);
    expect(checkBracketBalance('a[1)').ok).toBe(false);
  });

  it('applies the Task-06 "= needs ;" rule without flagging annotations, for headers or continuations', () => {
    const ok = [
      '@RequestMapping(value = "/books")',
      'public class A {',
      '    private int x = 1;',
      '    void f() {',
      '        for (int i = 0; i < 3; i++) {',
      '            String s = "a" +',
      '                "b";',
      '            boolean same = x == 1;',
      '        }',
      '    }',
      '}',
    ].join('\n');
    expect(checkJavaSyntax(ok)).toEqual({ ok: true });
    expect(checkJavaSyntax('class A {\n  void f() {\n    int x = 1\n  }\n}').ok).toBe(false);
    expect(checkGeneratedCode('go', 'func f() {\n\treturn `}`\n}')).toEqual({ ok: true });
  });
});
