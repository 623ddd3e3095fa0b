import { collectSecrets } from '@rag-validate/config';
import { reviewErrorBody } from '../checks/error-body.js';
import { defineSuite, type CaseDefinition } from '../framework/suite-definition.js';
import { BAD_INPUT_ROWS, type BadInputRow } from './bad-input-matrix.js';

function caseFor(row: BadInputRow): CaseDefinition<Record<string, never>> {
  return {
    id: row.id,
    title: `${row.title} → clean 4xx`,
    async run(ctx, t) {
      if (row.contracts !== undefined && !row.contracts.includes(ctx.contract)) t.skip(`not part of the ${ctx.contract} contract`);
      const req = row.request(ctx.contract);
      const http = ctx.clients[row.service].http;
      const response = await http.send({
        method: req.method,
        path: req.path,
        ...(req.json === undefined ? {} : { json: req.json }),
        ...(req.rawBody === undefined ? {} : { rawBody: req.rawBody }),
        ...(req.contentType === undefined ? {} : { contentType: req.contentType }),
        // A server that refuses a 16 MB body from its Content-Length answers before reading it: read that answer.
        expectEarlyAnswer: true,
        idempotent: false,
      });
      const review = reviewErrorBody(response.headers['content-type'], response.text, collectSecrets(ctx.config));
      t.evidence('request', `${req.method} ${req.path}`);
      t.evidence('status', response.status);
      t.evidence('expected', row.expected);
      t.evidence('message', review.message?.slice(0, 300) ?? null);
      t.evidence('bodyExcerpt', response.text.slice(0, 300));
      t.check(response.status < 500, `answered ${response.status} (a server error) instead of a 4xx: ${response.text.slice(0, 160)}`);
      t.check(response.status >= 400, `accepted the bad input with ${response.status} instead of refusing it with a 4xx`);
      t.check(review.problems.length === 0, `answered ${response.status} but the error body is not clean: ${review.problems.join('; ')}`);
    },
  };
}

/**
 * The bad-input matrix: missing and wrong-typed fields, empty and 1 MB queries, bad limits, unknown
 * language, malformed JSON, wrong content type, oversized bodies, path traversal, unknown routes
 * and methods. Each row expects a 4xx with a JSON error that names the problem — no 5xx, no stack
 * trace, no internal path, no secret.
 */
export const errorScenarios = defineSuite<Record<string, never>>({
  name: 'error-scenarios',
  title: 'Error scenarios (bad input gets a clean 4xx)',
  createState: () => ({}),
  cases: BAD_INPUT_ROWS.map(caseFor),
});
