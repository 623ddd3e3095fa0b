/** Small source files used across the reference-stack tests. */
export const PANDAS_LOADER = `import pandas as pd


def load_sales(path):
    """Read the sales CSV into a DataFrame."""
    df = pd.read_csv(path)
    return df[df["amount"] > 0]


class SalesReport:
    def total(self, df):
        return df["amount"].sum()
`;

export const ZORBLAX_UTILS = `ZORBLAX_SEED = 48213


def compute_zorblax_checksum(records, seed=ZORBLAX_SEED):
    """Fold the records into one checksum."""
    value = seed
    for record in records:
        value = (value * 31 + hash(record)) % 1000003
    return value
`;

export const BOOK_SERVICE_JAVA = `package com.skax.library.service;

import java.util.List;

public class BookLoanService {
    public static final int MAX_LOANS = 5;

    public Loan borrowBook(Long memberId, Long bookId) {
        Loan loan = new Loan(memberId, bookId);
        return repository.save(loan);
    }

    public void returnBook(Long loanId) {
        repository.close(loanId);
    }
}
`;

export const HTTP_CLIENT_JS = `const https = require('https');

function fetchJson(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

module.exports = { fetchJson };
`;

/** A CodeAnalysisData document like the evaluation corpus (1 class, 11 methods → 13 chunks). */
export const BOOK_CONTROLLER_ANALYSIS = {
  filePath: 'src/main/java/com/skax/library/controller/BookController.java',
  language: 'java',
  framework: 'spring-boot',
  module: 'controller',
  code: 'package com.skax.library.controller;\n\n@RestController\npublic class BookController {\n    private final BookService bookService;\n}\n',
  classes: [
    {
      name: 'BookController',
      methods: ['getAllBooks', 'getBook', 'createBook', 'updateBook', 'deleteBook', 'searchBooks', 'getBooksByCategory', 'increaseStock', 'decreaseStock', 'getAvailableBooks', 'countBooks'].map((name) => ({
        name,
        returnType: 'ResponseEntity<BookDto>',
        params: ['Long id'],
      })),
    },
  ],
  references: ['com.skax.library.service.BookService', 'com.skax.library.dto.BookDto'],
  analysis_timestamp: '2025-06-13T00:00:00',
};
