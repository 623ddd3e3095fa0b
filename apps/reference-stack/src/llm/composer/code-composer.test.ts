import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildRagUserPrompt, type PromptContext } from '../../text/rag-prompt.js';
import { checkGeneratedCode } from '../../text/syntax-check.js';
import { nodeCheckError, PYTHON3_AVAILABLE, pythonParseError, pythonParseErrors } from '../../testing/real-syntax.js';
import { composeAnswer } from './code-composer.js';
import { splitTokens } from '../../text/tokens.js';

function ask(language: string, request: string, contexts: PromptContext[], includeTests = false): string {
  const user = buildRagUserPrompt({ language, request, contexts, includeTests });
  return composeAnswer([
    { role: 'system', content: `You are an expert ${language} developer.` },
    { role: 'user', content: user },
  ]);
}

const PANDAS_CONTEXT: PromptContext = {
  filePath: '/data/project/data_loader.py',
  language: 'python',
  code: 'import pandas as pd\n\n\ndef load_sales(path):\n    """Load the sales CSV."""\n    df = pd.read_csv(path)\n    return df[df["amount"] > 0]\n',
};

const UNIQUE_CONTEXT: PromptContext = {
  filePath: 'src/zq_utils.py',
  language: 'python',
  code: 'ZQ_MAGIC_SEED = 48213\n\n\ndef zq_transform_records(records, seed=ZQ_MAGIC_SEED):\n    return [r ^ seed for r in records]\n',
};

const expectValidPython = (code: string): void => {
  expect(checkGeneratedCode('python', code)).toEqual({ ok: true });
  if (PYTHON3_AVAILABLE) expect(pythonParseError(code)).toBeUndefined();
};

describe('composeAnswer (the reference LLM)', () => {
  it('answers a Korean CSV request with a pandas.read_csv function when the context uses pandas', () => {
    const code = ask('python', 'CSV 파일을 읽는 함수를 만들어주세요', [PANDAS_CONTEXT]);
    expect(code).toMatch(/def read_csv_file\(path/);
    expect(code).toContain('import pandas as pd');
    expect(code).toContain('pd.read_csv(path');
    expect(code).toContain('pandas.read_csv');
    expect(code).toContain('load_sales');
    expect(code).not.toContain('```');
    expectValidPython(code);
  });

  it('falls back to the csv module without pandas in the context', () => {
    const code = ask('python', 'read a csv file', []);
    expect(code).toContain('csv.DictReader');
    expectValidPython(code);
  });

  it('builds on a unique function and constant of the retrieved context', () => {
    const code = ask('python', 'zq_transform_records를 사용해서 레코드를 변환하는 함수를 작성해주세요', [UNIQUE_CONTEXT]);
    expect(code).toContain('from zq_utils import zq_transform_records');
    expect(code).toContain('ZQ_MAGIC_SEED = 48213');
    expect(code).toMatch(/zq_transform_records\(records, seed\)/);
    expectValidPython(code);
  });

  it('delegates to a method of a context class, and adds a test when asked', () => {
    const context: PromptContext = {
      filePath: 'library/book_service.py',
      language: 'python',
      code: 'class BookService:\n    def __init__(self, repo):\n        self.repo = repo\n\n    def increase_book_stock(self, book_id, amount=1):\n        return self.repo.add(book_id, amount)\n',
    };
    const code = ask('python', '도서 재고를 증가시키는 함수', [context], true);
    expect(code).toContain('from book_service import BookService');
    expect(code).toContain('book_service.increase_book_stock(book_id, amount)');
    expect(code).toMatch(/def test_\w+\(\):/);
    expectValidPython(code);
  });

  it('writes Java that passes the Java check and uses the context class', () => {
    const context: PromptContext = {
      filePath: 'src/main/java/com/skax/library/service/BookService.java',
      language: 'java',
      code: 'package com.skax.library.service;\n\nimport java.util.List;\n\npublic class BookService {\n    public static final int MAX_STOCK = 500;\n\n    public Book increaseBookStock(Long bookId, int quantity) {\n        return repository.increase(bookId, quantity);\n    }\n}\n',
    };
    const code = ask('java', '도서 재고를 증가시키는 메서드를 작성해주세요', [context]);
    expect(code).toContain('import com.skax.library.service.BookService;');
    expect(code).toContain('bookService.increaseBookStock(bookId, quantity)');
    expect(code).toContain('MAX_STOCK = 500;');
    expect(checkGeneratedCode('java', code)).toEqual({ ok: true });
  });

  it('writes JavaScript that node --check accepts, and TypeScript without syntax errors', () => {
    const context: PromptContext = { filePath: 'lib/price.js', language: 'javascript', code: 'function applyDiscountRate(price, rate) {\n  return price * (1 - rate);\n}\nmodule.exports = { applyDiscountRate };\n' };
    const js = ask('javascript', 'apply a discount rate to a price', [context]);
    expect(js).toContain("require('./price')");
    expect(js).toContain('applyDiscountRate(price, rate)');
    expect(nodeCheckError(js, '.cjs')).toBeUndefined();
    expect(checkGeneratedCode('javascript', js)).toEqual({ ok: true });
    const csv = ask('javascript', 'CSV 파일 읽기', []);
    expect(nodeCheckError(csv, '.cjs')).toBeUndefined();

    const tsCode = ask('typescript', 'CSV 파일을 읽는 함수', []);
    const out = ts.transpileModule(tsCode, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
    expect(out.diagnostics ?? []).toEqual([]);
  });

  it('writes Go with balanced brackets', () => {
    const code = ask('go', 'read a csv file', []);
    expect(code).toContain('csv.NewReader');
    expect(checkGeneratedCode('go', code)).toEqual({ ok: true });
  });

  it('is deterministic', () => {
    expect(ask('python', 'CSV 파일을 읽는 함수', [PANDAS_CONTEXT])).toBe(ask('python', 'CSV 파일을 읽는 함수', [PANDAS_CONTEXT]));
  });

  it('always writes parseable Python for a spread of requests and contexts', () => {
    const requests = ['', 'sort users by name', 'JSON 설정 파일을 저장', 'call the REST api', '평균을 계산하는 함수', 'x"""y\\z', 'def class if:'];
    const answers = requests.flatMap((request) => [[], [PANDAS_CONTEXT], [UNIQUE_CONTEXT, PANDAS_CONTEXT]].map((contexts) => ask('python', request, contexts)));
    for (const code of answers) expect(checkGeneratedCode('python', code)).toEqual({ ok: true });
    if (PYTHON3_AVAILABLE) expect(pythonParseErrors(answers)).toEqual(answers.map(() => undefined));
  });
});

describe('truncated answers (max_tokens) against the Python check', () => {
  it.skipIf(!PYTHON3_AVAILABLE)(`the heuristic Python check agrees with python3 on every prefix of composed answers${PYTHON3_AVAILABLE ? '' : ' (skipped: python3 not found)'}`, () => {
    const cases: Array<[string, PromptContext[], boolean]> = [
      ['CSV 파일을 읽는 함수', [PANDAS_CONTEXT], false],
      ['compute zq records', [UNIQUE_CONTEXT], true],
      ['sort users', [], false],
      ['call the api', [], true],
      ['JSON 저장', [UNIQUE_CONTEXT], false],
    ];
    const prefixes = cases.flatMap(([request, contexts, tests]) => {
      const tokens = splitTokens(ask('python', request, contexts, tests));
      return tokens.map((_, i) => tokens.slice(0, i + 1).join(''));
    });
    const real = pythonParseErrors(prefixes);
    const disagreements = prefixes.filter((code, i) => checkGeneratedCode('python', code).ok !== (real[i] === undefined));
    expect(disagreements).toEqual([]);
  });
});
