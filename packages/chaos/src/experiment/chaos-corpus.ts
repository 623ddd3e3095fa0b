import type { CodeAnalysisData } from '@rag-validate/clients';

/**
 * The small fixed corpus every experiment indexes (idempotently) before its steady state is
 * measured, and the fixed queries whose pre-fault answers the load compares against. Each query
 * names one file's topic, so a healthy system answers it with that file.
 */
export const CHAOS_CORPUS: readonly CodeAnalysisData[] = [
  {
    filePath: 'rag-validate-chaos/bubble_sort.py',
    language: 'python',
    code: 'def bubble_sort(items):\n    """Sort a list in place with bubble sort and return it."""\n    n = len(items)\n    for i in range(n):\n        for j in range(n - i - 1):\n            if items[j] > items[j + 1]:\n                items[j], items[j + 1] = items[j + 1], items[j]\n    return items\n',
  },
  {
    filePath: 'rag-validate-chaos/lru_cache.py',
    language: 'python',
    code: 'from collections import OrderedDict\n\n\nclass LRUCache:\n    """Least recently used cache with a fixed capacity; evicts the oldest entry."""\n\n    def __init__(self, capacity):\n        self.capacity = capacity\n        self.entries = OrderedDict()\n\n    def get(self, key):\n        if key not in self.entries:\n            return None\n        self.entries.move_to_end(key)\n        return self.entries[key]\n\n    def put(self, key, value):\n        self.entries[key] = value\n        self.entries.move_to_end(key)\n        if len(self.entries) > self.capacity:\n            self.entries.popitem(last=False)\n',
    classes: [{ name: 'LRUCache', methods: [{ name: 'get', returnType: null, params: ['key'] }, { name: 'put', returnType: null, params: ['key', 'value'] }] }],
  },
  {
    filePath: 'rag-validate-chaos/word_tokenizer.py',
    language: 'python',
    code: 'import re\n\n\ndef tokenize_words(text):\n    """Split text into lower-case word tokens, dropping punctuation."""\n    return [token.lower() for token in re.findall(r"[A-Za-z0-9]+", text)]\n',
  },
  {
    filePath: 'rag-validate-chaos/retryBackoff.js',
    language: 'javascript',
    code: 'async function retryWithBackoff(task, attempts = 5, baseDelayMs = 100) {\n  // Retry an async task with exponential backoff between attempts.\n  for (let attempt = 0; ; attempt += 1) {\n    try {\n      return await task();\n    } catch (error) {\n      if (attempt + 1 >= attempts) throw error;\n      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt));\n    }\n  }\n}\nmodule.exports = { retryWithBackoff };\n',
  },
  {
    filePath: 'rag-validate-chaos/BookController.java',
    language: 'java',
    code: 'package com.example.library.controller;\n\nimport java.util.List;\n\n@RestController\n@RequestMapping("/api/books")\npublic class BookController {\n    private final BookService bookService;\n\n    public BookController(BookService bookService) {\n        this.bookService = bookService;\n    }\n\n    @GetMapping\n    public List<Book> listBooks() {\n        return bookService.findAll();\n    }\n}\n',
    framework: 'spring-boot',
    classes: [{ name: 'BookController', methods: [{ name: 'listBooks', returnType: 'List<Book>', params: [] }] }],
  },
];

/** Fixed queries; each targets one corpus file. */
export const CHAOS_QUERIES: readonly string[] = [
  'bubble sort a list of items',
  'least recently used cache eviction',
  'tokenize text into lower case words',
  'retry an async task with exponential backoff',
  'book controller REST endpoint listing books',
];

/** A small file for an index write during the experiment (unique per run and sequence number). */
export function chaosWriteFile(runId: string, seq: number): CodeAnalysisData {
  return {
    filePath: `rag-validate-chaos/writes/${runId}/write_${seq}.py`,
    language: 'python',
    code: `def chaos_write_${seq}(value):\n    """Written by rag-validate chaos run ${runId} (write ${seq})."""\n    return value * ${seq + 2}\n`,
  };
}
