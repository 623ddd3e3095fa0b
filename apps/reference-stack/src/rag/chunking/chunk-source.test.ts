import { describe, expect, it } from 'vitest';
import { chunkSource } from './chunk-source.js';
import { languageOfPath } from './code-chunk.js';

const summary = (chunks: ReturnType<typeof chunkSource>) => chunks.map((c) => `${c.codeType}:${c.parentClass === undefined ? '' : `${c.parentClass}.`}${c.name}@${c.lineStart}-${c.lineEnd}`);

describe('chunkSource', () => {
  it('chunks Python by top-level definitions (with decorators) and class methods, plus the file', () => {
    const code = [
      'import pandas as pd', // 1
      '', // 2
      'RATE = 3', // 3
      '', // 4
      '@cache', // 5
      'def load(path):', // 6
      '    """Docstring', // 7
      'not indented text', // 8
      '    """', // 9
      '    return pd.read_csv(path)', // 10
      '', // 11
      '', // 12
      'class Store:', // 13
      '    def __init__(self):', // 14
      '        self.items = []', // 15
      '', // 16
      '    @property', // 17
      '    def size(self):', // 18
      '        return len(self.items)', // 19
      '', // 20
      'async def main():', // 21
      '    await run()', // 22
    ].join('\n');
    const chunks = chunkSource('pkg/store.py', code, 'python');
    expect(summary(chunks)).toEqual(['file:File_store.py@1-22', 'function:load@5-10', 'class:Store@13-19', 'method:Store.__init__@14-15', 'method:Store.size@17-19', 'function:main@21-22']);
    expect(chunks[1]?.content).toContain('return pd.read_csv(path)');
  });

  it('chunks Java by types and methods, skipping control blocks and comments', () => {
    const code = [
      'package com.skax.library.service;', // 1
      '', // 2
      '/** A { brace in a comment */', // 3
      '@Service', // 4
      'public class BookService {', // 5
      '    private final String s = "}";', // 6
      '', // 7
      '    @Transactional', // 8
      '    public Book increaseBookStock(Long id, int qty) throws NotFoundException {', // 9
      '        if (qty > 0) {', // 10
      '            return repo.add(id, qty);', // 11
      '        }', // 12
      '        return null;', // 13
      '    }', // 14
      '', // 15
      '    public BookService(Repo repo) { this.repo = repo; }', // 16
      '}', // 17
      'interface Repo { Book add(Long id, int qty); }', // 18
    ].join('\n');
    expect(summary(chunkSource('BookService.java', code, 'java'))).toEqual([
      'file:File_BookService.java@1-18',
      'class:BookService@3-17', // the Javadoc belongs to the class
      'method:BookService.increaseBookStock@8-14',
      'method:BookService.BookService@16-16',
      'interface:Repo@18-18',
    ]);
  });

  it('chunks JavaScript and TypeScript functions, arrow functions, classes and methods', () => {
    const code = [
      "import fs from 'node:fs';", // 1
      'export function readCsv(path: string): string[] {', // 2
      "  return fs.readFileSync(path, 'utf8').split('\\n');", // 3
      '}', // 4
      'const toRows = (lines) => {', // 5
      "  return lines.map((l) => l.split(','));", // 6
      '};', // 7
      'const config = { a: { b: 1 } };', // 8
      'export class Loader {', // 9
      '  constructor(dir) { this.dir = dir; }', // 10
      '  async load(name) {', // 11
      '    if (!name) { throw new Error(`no ${name}`); }', // 12
      '    return readCsv(name);', // 13
      '  }', // 14
      '}', // 15
    ].join('\n');
    expect(summary(chunkSource('src/loader.ts', code, 'typescript'))).toEqual([
      'file:File_loader.ts@1-15',
      'function:readCsv@2-4',
      'function:toRows@5-7',
      'class:Loader@9-15',
      'method:Loader.constructor@10-10',
      'method:Loader.load@11-14',
    ]);
  });

  it('gives no chunks for an empty file and maps extensions to languages', () => {
    expect(chunkSource('a.py', '  \n', 'python')).toEqual([]);
    expect(languageOfPath('x/y.PY')).toBe('python');
    expect(languageOfPath('y.mjs')).toBe('javascript');
    expect(languageOfPath('y.rb')).toBeUndefined();
  });
});
