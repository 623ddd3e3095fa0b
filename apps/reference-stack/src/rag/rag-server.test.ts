import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceStack, type StartedReferenceStack } from '../start-reference-stack.js';
import { BOOK_CONTROLLER_ANALYSIS, BOOK_SERVICE_JAVA, HTTP_CLIENT_JS, PANDAS_LOADER, ZORBLAX_UTILS } from '../testing/fixtures.js';
import { httpCall, type HttpCallResult } from '../testing/http-call.js';
import { eventually } from '../testing/process-state.js';
import { PYTHON3_AVAILABLE, pythonParseError } from '../testing/real-syntax.js';

interface SearchBody {
  query: string;
  results: Array<{ id: string; file_path: string; function_name: string | null; code_content: string; code_type: string; language: string; line_start: number; line_end: number; keywords: string[]; vector_score: number; keyword_score: number; combined_score: number }>;
  total_results: number;
  search_time_ms: number;
  vector_results_count: number;
  keyword_results_count: number;
  search_method: string;
  rrf_k: number | null;
}

describe('rag-server contract (in-process stack on free ports)', () => {
  let stack: StartedReferenceStack;
  let rag = '';
  const root = mkdtempSync(join(tmpdir(), 'refstack-rag-root-'));
  const outside = mkdtempSync(join(tmpdir(), 'refstack-rag-outside-'));
  const post = (path: string, json: unknown): Promise<HttpCallResult> => httpCall(rag, 'POST', path, { json });
  const search = async (json: Record<string, unknown>): Promise<SearchBody> => {
    const res = await post('/api/v1/search/', json);
    expect(res.status, res.text).toBe(200);
    return res.json as SearchBody;
  };

  beforeAll(async () => {
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'book_loan.java'), BOOK_SERVICE_JAVA);
    writeFileSync(join(root, 'src', 'BookLoanService.java'), BOOK_SERVICE_JAVA);
    writeFileSync(join(root, 'src', 'http_client.js'), HTTP_CLIENT_JS);
    writeFileSync(join(root, 'notes.txt'), 'not code');
    writeFileSync(join(outside, 'secret.py'), 'SECRET = 1\n');
    symlinkSync(join(outside, 'secret.py'), join(root, 'src', 'escape.py'));
    stack = await startReferenceStack({ mode: 'in-process', logLevel: 'warn', rootDir: root, llm: { ttftMs: 0, tokensPerSecond: 0 } });
    rag = stack.urls.rag;
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  describe('health', () => {
    it('GET / and /health have the contract shapes', async () => {
      expect((await httpCall(rag, 'GET', '/')).json).toEqual({ service: 'rag-server', status: 'running' });
      const health = (await httpCall(rag, 'GET', '/health')).json as { status: string; service: string; timestamp: string };
      expect(health).toEqual({ status: 'healthy', service: 'rag-server', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/) });
    });

    it('GET /readyz reports every dependency up', async () => {
      const res = await httpCall(rag, 'GET', '/readyz');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ status: 'ready', dependencies: { 'embedding-server': { status: 'up' }, 'llm-server': { status: 'up' }, 'vector-db': { status: 'up' } } });
    });

    it('serves the routers\' health endpoints and the languages list', async () => {
      expect((await httpCall(rag, 'GET', '/api/v1/indexing/health')).json).toEqual({ status: 'healthy', service: 'indexing' });
      expect((await httpCall(rag, 'GET', '/api/v1/search/health')).json).toEqual({ status: 'healthy', service: 'search-service' });
      expect((await httpCall(rag, 'GET', '/api/v1/generate/health')).json).toEqual({ status: 'healthy', service: 'generation-service' });
      const languages = (await httpCall(rag, 'GET', '/api/v1/generate/languages')).json as { languages: Array<{ code: string; name: string; description: string }> };
      expect(languages.languages.map((l) => l.code)).toEqual(['python', 'javascript', 'typescript', 'java', 'go']);
      expect(languages.languages[0]).toEqual({ code: 'python', name: 'Python', description: 'Python 3.6+' });
    });
  });

  describe('indexing', () => {
    it('indexes a file sent by content and chunks it by definitions', async () => {
      const res = await post('/api/v1/indexing/file', { file_path: 'analytics/sales_loader.py', content: PANDAS_LOADER, language: 'python' });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ file_path: 'analytics/sales_loader.py', chunks_count: 4, message: 'Indexed 4 chunks', indexed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+$/) });
      const chunks = (await httpCall(rag, 'GET', '/api/v1/indexing/chunks?file_path=analytics/sales_loader.py&size=10')).json as { chunks: Array<{ function_name: string; code_type: string; line_start: number; line_end: number }>; total: number };
      expect(chunks.total).toBe(4);
      expect(chunks.chunks.map((c) => `${c.code_type}:${c.function_name}@${c.line_start}-${c.line_end}`).sort()).toEqual(['class:SalesReport@10-12', 'file:File_sales_loader.py@1-12', 'function:load_sales@4-7', 'method:total@11-12'].sort());
    });

    it('re-indexing a file replaces its chunks instead of duplicating them', async () => {
      await post('/api/v1/indexing/file', { file_path: 'analytics/sales_loader.py', content: PANDAS_LOADER });
      const small = await post('/api/v1/indexing/file', { file_path: 'analytics/sales_loader.py', content: 'def only():\n    return 1\n', force_update: false });
      expect((small.json as { chunks_count: number }).chunks_count).toBe(2);
      expect(((await httpCall(rag, 'GET', '/api/v1/indexing/chunks?file_path=analytics/sales_loader.py')).json as { total: number }).total).toBe(2);
      const again = await post('/api/v1/indexing/file', { file_path: 'analytics/sales_loader.py', content: PANDAS_LOADER, force_update: true });
      expect((again.json as { message: string }).message).toBe('Indexed 4 chunks (existing chunks replaced)');
      expect(((await httpCall(rag, 'GET', '/api/v1/indexing/chunks?file_path=analytics/sales_loader.py')).json as { total: number }).total).toBe(4);
    });

    it('indexes files by server path under the root, and refuses anything else', async () => {
      const ok = await post('/api/v1/indexing/file', { file_path: 'src/BookLoanService.java' });
      expect(ok.status).toBe(200);
      expect((ok.json as { chunks_count: number }).chunks_count).toBe(4);
      const absolute = await post('/api/v1/indexing/file', { file_path: join(root, 'src', 'http_client.js') });
      expect(absolute.status).toBe(200);

      const traversal = await post('/api/v1/indexing/file', { file_path: '../../etc/passwd.py' });
      expect(traversal.status).toBe(400);
      expect(traversal.json).toEqual({ detail: expect.stringContaining('inside the indexing root') });
      expect((await post('/api/v1/indexing/file', { file_path: join(outside, 'secret.py') })).status).toBe(400);
      const symlink = await post('/api/v1/indexing/file', { file_path: 'src/escape.py' });
      expect(symlink.status).toBe(400);
      expect(JSON.stringify(symlink.json)).not.toContain(outside);
      const missing = await post('/api/v1/indexing/file', { file_path: 'src/missing.py' });
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ detail: expect.stringContaining('파일을 찾을 수 없습니다') });
      const unsupported = await post('/api/v1/indexing/file', { file_path: 'notes.txt' });
      expect(unsupported.status).toBe(400);
      expect(unsupported.json).toEqual({ detail: expect.stringContaining('Unsupported file type') });
      expect((await post('/api/v1/indexing/file', {})).status).toBe(422);
    });

    it('indexes a batch and lists per-file errors', async () => {
      const res = await post('/api/v1/indexing/batch', { file_paths: ['src/book_loan.java', 'src/missing.py', '../x.py'] });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ total_files: 3, successful_files: 1, failed_files: 2, total_chunks: 4, errors: [expect.stringMatching(/^src\/missing\.py: /), expect.stringMatching(/^\.\.\/x\.py: /)] });
      expect((await post('/api/v1/indexing/batch', { file_paths: [] })).json).toMatchObject({ total_files: 0, results: [], errors: [] });
    });

    it('indexes pre-analysed JSON with 201 and the Task-06 chunking', async () => {
      const res = await post('/api/v1/indexing/json', { analysis_data: BOOK_CONTROLLER_ANALYSIS });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ file_path: BOOK_CONTROLLER_ANALYSIS.filePath, chunks_count: 13, message: 'JSON Indexed 13 chunks' });
      const methods = (await httpCall(rag, 'GET', `/api/v1/indexing/chunks?file_path=${encodeURIComponent(BOOK_CONTROLLER_ANALYSIS.filePath)}&code_type=method&size=100`)).json as { total: number; chunks: Array<{ code_content: string }> };
      expect(methods.total).toBe(11);
      expect(methods.chunks.map((c) => c.code_content)).toContain('ResponseEntity<BookDto> increaseStock(Long id)');
      const batch = await post('/api/v1/indexing/json/batch', { analysis_data_list: [{ ...BOOK_CONTROLLER_ANALYSIS, filePath: 'x/Other.java' }, { ...BOOK_CONTROLLER_ANALYSIS, filePath: 'x/a.rb', language: 'ruby' }] });
      expect(batch.status).toBe(201);
      expect(batch.json).toMatchObject({ total_files: 2, successful_files: 1, failed_files: 1, errors: [expect.stringContaining('Unsupported language: ruby')] });
      const ruby = await post('/api/v1/indexing/json', { analysis_data: { ...BOOK_CONTROLLER_ANALYSIS, language: 'ruby' } });
      expect(ruby.status).toBe(400);
      expect((await post('/api/v1/indexing/json', { analysis_data: { filePath: 'x' } })).status).toBe(422);
    });

    it('pages through chunks without repeating any, and validates page/size', async () => {
      const all = (await httpCall(rag, 'GET', '/api/v1/indexing/chunks?size=100')).json as { total: number; chunks: Array<{ id: string }> };
      const seen: string[] = [];
      const size = 3;
      for (let page = 1; page <= Math.ceil(all.total / size); page += 1) {
        const res = (await httpCall(rag, 'GET', `/api/v1/indexing/chunks?page=${page}&size=${size}`)).json as { chunks: Array<{ id: string }>; page: number; total_pages: number };
        expect(res.page).toBe(page);
        expect(res.total_pages).toBe(Math.ceil(all.total / size));
        seen.push(...res.chunks.map((c) => c.id));
      }
      expect(seen).toHaveLength(all.total);
      expect(new Set(seen).size).toBe(all.total);
      for (const bad of ['page=0', 'size=0', 'size=101', 'page=abc']) {
        const res = await httpCall(rag, 'GET', `/api/v1/indexing/chunks?${bad}`);
        expect(res.status, bad).toBe(422);
        expect((res.json as { detail: Array<{ loc: unknown[] }> }).detail[0]?.loc[0]).toBe('query');
      }
    });
  });

  describe('search', () => {
    it('finds the pandas file for "pandas DataFrame" with vector and keyword scores', async () => {
      const body = await search({ query: 'pandas DataFrame', limit: 5 });
      expect(body.results.length).toBeGreaterThan(0);
      expect(body.results[0]?.file_path).toBe('analytics/sales_loader.py');
      expect(body.results[0]?.keyword_score).toBeGreaterThan(0);
      expect(body.results[0]?.vector_score).toBeGreaterThan(0);
      expect(body).toMatchObject({ query: 'pandas DataFrame', total_results: body.results.length, search_method: 'weighted', rrf_k: null, search_time_ms: expect.any(Number) });
      expect(body.vector_results_count).toBeGreaterThan(0);
      const top = body.results[0];
      expect(top?.combined_score).toBeCloseTo(0.7 * Math.max(0, top?.vector_score ?? 0) + 0.3 * (top?.keyword_score ?? 0), 10);
    });

    it('answers Korean queries through Korean words and the glossary', async () => {
      const body = await search({ query: '도서 대출 서비스', limit: 3 });
      expect(body.results[0]?.file_path).toMatch(/book_loan\.java|BookLoanService\.java/);
      const csv = await search({ query: 'CSV 파일 읽기', limit: 3 });
      expect(csv.results[0]?.file_path).toBe('analytics/sales_loader.py');
    });

    it('honours limit, weights and RRF', async () => {
      expect((await search({ query: 'book', limit: 2 })).results).toHaveLength(2);
      const keywordOnly = await search({ query: 'fetchJson', limit: 3, vector_weight: 0, keyword_weight: 1 });
      expect(keywordOnly.results[0]?.function_name).toBe('fetchJson');
      expect(keywordOnly.results[0]?.combined_score).toBeCloseTo(keywordOnly.results[0]?.keyword_score ?? -1, 10);
      const rrf = await search({ query: 'fetchJson', limit: 3, use_rrf: true, rrf_k: 10 });
      expect(rrf.search_method).toBe('rrf');
      expect(rrf.rrf_k).toBe(10);
      expect(rrf.results[0]?.combined_score).toBeLessThanOrEqual(0.7 / 11 + 0.3 / 11 + 1e-12);
      expect((await post('/api/v1/search/', { query: '', limit: 3 })).status).toBe(422);
      expect((await search({ query: 'anything', collection_name: 'never_created' })).results).toEqual([]);
    });

    it('enforces limit 1..100 and weights 0..1 with 422 lists', async () => {
      for (const body of [{ query: 'x', limit: 0 }, { query: 'x', limit: 101 }, { query: 'x', vector_weight: 1.5 }, { limit: 3 }, { query: 'x', collection_name: '../etc' }]) {
        const res = await post('/api/v1/search/', body);
        expect(res.status, JSON.stringify(body)).toBe(422);
        const detail = (res.json as { detail: Array<{ type: string; loc: unknown[]; msg: string; input: unknown }> }).detail;
        expect(detail[0]).toEqual({ type: expect.any(String), loc: expect.arrayContaining(['body']), msg: expect.any(String), input: expect.anything(), ...(detail[0]?.['ctx' as never] === undefined ? {} : { ctx: expect.anything() }) });
      }
    });

    it('answers the slash-less URL with a 307 to the canonical one', async () => {
      const res = await post('/api/v1/search', { query: 'x' });
      expect(res.status).toBe(307);
      expect(res.headers['location']).toBe('/api/v1/search/');
    });
  });

  describe('generation', () => {
    it('generates Python built on pandas.read_csv from the retrieved context', async () => {
      const res = await post('/api/v1/generate/', { query: 'CSV 파일을 읽는 함수를 만들어주세요', language: 'python' });
      expect(res.status, res.text).toBe(200);
      const body = res.json as { query: string; generated_code: string; contexts_used: Array<{ file_path: string; code_content: string; relevance_score: number; code_type: string; language: string; function_name: string | null }>; generation_time_ms: number; model_used: string; language: string; tokens_used: number; search_results_count: number; spring_boot_features_used: unknown[]; java_version_used: unknown };
      expect(body.generated_code).toContain('read_csv');
      expect(body.generated_code).toContain('pandas');
      expect(body.contexts_used.length).toBe(body.search_results_count);
      expect(body.contexts_used.length).toBeGreaterThan(0);
      expect(body.contexts_used[0]?.file_path).toBe('analytics/sales_loader.py');
      expect(body).toMatchObject({ model_used: 'gpt-4o-mini', language: 'python', tokens_used: expect.any(Number), generation_time_ms: expect.any(Number), spring_boot_features_used: [], java_version_used: null });
      if (PYTHON3_AVAILABLE) expect(pythonParseError(body.generated_code)).toBeUndefined();
    });

    it('puts a unique function and constant of an indexed file into the generated code', async () => {
      await post('/api/v1/indexing/file', { file_path: 'lib/zorblax_utils.py', content: ZORBLAX_UTILS });
      const res = await post('/api/v1/generate/', { query: 'compute_zorblax_checksum로 레코드 체크섬을 계산하는 함수', language: 'python', context_limit: 2 });
      expect(res.status, res.text).toBe(200);
      const body = res.json as { generated_code: string; contexts_used: Array<{ file_path: string }> };
      expect(body.generated_code).toContain('compute_zorblax_checksum');
      expect(body.generated_code).toContain('48213');
      expect(body.contexts_used.map((c) => c.file_path)).toContain('lib/zorblax_utils.py');
      if (PYTHON3_AVAILABLE) expect(pythonParseError(body.generated_code)).toBeUndefined();
    });

    it('generates Java and JavaScript that pass the server\'s checks', async () => {
      const java = await post('/api/v1/generate/', { query: '도서 대출 메서드를 작성해주세요', language: 'java', spring_boot_features: ['web'], java_version: '17' });
      expect(java.status, java.text).toBe(200);
      expect(java.json).toMatchObject({ language: 'java', java_version_used: '17', spring_boot_features_used: ['web'] });
      expect((java.json as { generated_code: string }).generated_code).toContain('BookLoanService');
      const js = await post('/api/v1/generate/', { query: 'fetch JSON from a URL', language: 'javascript' });
      expect(js.status, js.text).toBe(200);
    });

    it('validates generation requests', async () => {
      for (const body of [{ language: 'python' }, { query: 'x', language: 'cobol' }, { query: 'x', context_limit: 15 }, { query: 'x', max_tokens: 0 }, { query: '' }]) {
        expect((await post('/api/v1/generate/', body)).status, JSON.stringify(body)).toBe(422);
      }
    });

    it('answers 400 when the answer fails the syntax check (cut at max_tokens)', async () => {
      const outcomes = await Promise.all([41, 47, 53, 59, 67, 73].map((max) => post('/api/v1/generate/', { query: 'CSV 파일을 읽는 함수', language: 'python', max_tokens: max })));
      const rejected = outcomes.filter((r) => r.status === 400);
      expect(rejected.length).toBeGreaterThan(0);
      for (const r of rejected) expect(r.json).toEqual({ detail: expect.stringMatching(/syntax check.*cut at max_tokens/) });
      for (const r of outcomes.filter((o) => o.status !== 400)) {
        expect(r.status).toBe(200);
        if (PYTHON3_AVAILABLE) expect(pythonParseError((r.json as { generated_code: string }).generated_code)).toBeUndefined();
      }
    });
  });

  describe('prompt templates', () => {
    const template = { name: 'python_review', category: 'user', language: 'python', template: 'Review {{ code }} for {{ language }}' };

    it('creates, lists, reads, updates, renders and deletes templates', async () => {
      const created = await post('/api/v1/prompts/templates', template);
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ ...template, version: 1, is_active: true, id: expect.any(String) });
      expect((await post('/api/v1/prompts/templates', template)).status).toBe(409);
      expect(((await httpCall(rag, 'GET', '/api/v1/prompts/templates')).json as Array<{ name: string }>).map((t) => t.name)).toContain('python_review');
      expect((await httpCall(rag, 'GET', '/api/v1/prompts/templates/python_review')).json).toMatchObject(template);
      const updated = await httpCall(rag, 'PUT', '/api/v1/prompts/templates/python_review', { json: { ...template, template: 'Check {{ code }}' } });
      expect(updated.json).toMatchObject({ version: 2, template: 'Check {{ code }}' });
      const rendered = await post('/api/v1/prompts/generate', { template_name: 'python_review', parameters: { code: 'x = 1' } });
      expect(rendered.json).toEqual({ rendered_prompt: 'Check x = 1', template_used: 'python_review', version: 2, parameters: { language: 'python', code: 'x = 1' } });
      const builtin = await post('/api/v1/prompts/generate', { template_name: 'java_system', parameters: { java_version: '17' } });
      expect((builtin.json as { rendered_prompt: string }).rendered_prompt).toContain('Java 17');
      expect((await httpCall(rag, 'DELETE', '/api/v1/prompts/templates/python_review')).status).toBe(200);
      expect((await httpCall(rag, 'GET', '/api/v1/prompts/templates/python_review')).status).toBe(404);
      expect((await post('/api/v1/prompts/generate', { template_name: 'nope' })).status).toBe(404);
      expect((await post('/api/v1/prompts/templates', { ...template, category: 'other' })).status).toBe(422);
    });

    it('keeps templates across a rag-server restart', async () => {
      await post('/api/v1/prompts/templates', { ...template, name: 'kept_template' });
      await stack.services.rag.restart();
      expect((await httpCall(rag, 'GET', '/api/v1/prompts/templates/kept_template')).status).toBe(200);
    });
  });

  describe('HEAD routes', () => {
    const docs = Array.from({ length: 15 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, content: `def handler_${i}(event):\n    return route_event_${i}(event)\n`, metadata: { file_path: `handlers/h${i}.py`, language: 'python' } }));

    it('indexes documents into the named collection and BM25 index', async () => {
      const vector = await post('/api/v1/indexing/vector/index', { documents: docs, collection_name: 'head_vectors' });
      expect(vector.status).toBe(200);
      expect(vector.json).toEqual({ success: true, indexed_count: 15, collection_name: 'head_vectors', index_time_ms: expect.any(Number), error_message: null });
      const bm25 = await post('/api/v1/indexing/bm25/index', { documents: docs, collection_name: 'head_index' });
      expect(bm25.json).toMatchObject({ success: true, indexed_count: 15, collection_name: 'head_index' });
      expect((await post('/api/v1/indexing/vector/index', { documents: [], collection_name: 'x' })).status).toBe(422);
      expect((await post('/api/v1/indexing/vector/index', { documents: [{ content: 'x' }], collection_name: 'bad name!' })).status).toBe(422);
    });

    it('searches the collection asked for and honours top_k above 10', async () => {
      const res = await post('/api/v1/search/vector', { query: 'route event handler', collection_name: 'head_vectors', top_k: 12 });
      expect(res.status).toBe(200);
      const body = res.json as { success: boolean; results: Array<{ content: string; score: number; metadata: Record<string, unknown>; document_id: string }>; total_results: number; collection_name: string; error: null };
      expect(body).toMatchObject({ success: true, total_results: 12, collection_name: 'head_vectors', error: null });
      expect(body.results.every((r) => r.score >= 0 && r.metadata['file_path'] !== undefined)).toBe(true);
      const other = (await post('/api/v1/search/vector', { query: 'route event handler', collection_name: 'code_chunks', top_k: 5 })).json as { results: Array<{ metadata: Record<string, unknown> }> };
      expect(other.results.every((r) => !String(r.metadata['file_path']).startsWith('handlers/'))).toBe(true);
      expect((await post('/api/v1/search/vector', { query: '', collection_name: 'head_vectors' })).status).toBe(422);
      expect((await post('/api/v1/search/vector', { query: 'x', collection_name: 'head_vectors', top_k: 101 })).status).toBe(422);
    });

    it('finds BM25 documents indexed after the first search (no staleness) and fuses by id', async () => {
      expect(((await post('/api/v1/search/bm25', { query: 'route_event_3', index_name: 'late_index' })).json as { total_results: number }).total_results).toBe(0);
      await post('/api/v1/indexing/bm25/index', { documents: docs.slice(0, 5), collection_name: 'late_index' });
      const bm25 = (await post('/api/v1/search/bm25', { query: 'route_event_3', index_name: 'late_index', top_k: 3 })).json as { results: Array<{ document_id: string; score: number }>; index_name: string };
      expect(bm25.index_name).toBe('late_index');
      expect(bm25.results[0]?.document_id).toBe(docs[3]?.id);
      const hybrid = await post('/api/v1/search/hybrid', { query: 'route_event_7', collection_name: 'head_vectors', index_name: 'head_index', top_k: 3 });
      expect(hybrid.status).toBe(200);
      expect(hybrid.json).toMatchObject({ success: true, fusion_method: 'rrf', weights_used: { vector_weight: 0.7, bm25_weight: 0.3 }, vector_results_count: expect.any(Number), bm25_results_count: expect.any(Number) });
      expect((hybrid.json as { results: Array<{ document_id: string }> }).results[0]?.document_id).toBe(docs[7]?.id);
      const badWeights = await post('/api/v1/search/hybrid', { query: 'x', collection_name: 'a', index_name: 'b', vector_weight: 0.2, bm25_weight: 0.2 });
      expect(badWeights.status).toBe(422);
      expect(JSON.stringify(badWeights.json)).toContain('between 0.8 and 1.2');
    });
  });

  describe('HTTP behaviour', () => {
    it('answers unknown routes, wrong methods, bad JSON, wrong content types and big bodies in FastAPI form', async () => {
      expect(await httpCall(rag, 'GET', '/api/v1/nonexistent')).toMatchObject({ status: 404, json: { detail: 'Not Found' } });
      const wrong = await httpCall(rag, 'GET', '/api/v1/search/');
      expect(wrong.status).toBe(405);
      expect(wrong.headers['allow']).toBe('POST');
      const bad = await httpCall(rag, 'POST', '/api/v1/search/', { body: '{"query": "x",', headers: { 'content-type': 'application/json' } });
      expect(bad.status).toBe(422);
      expect((bad.json as { detail: Array<{ type: string }> }).detail[0]?.type).toBe('json_invalid');
      expect((await httpCall(rag, 'POST', '/api/v1/search/', { body: 'query=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
      const big = await httpCall(rag, 'POST', '/api/v1/search/', { json: { query: 'x'.repeat(1024 * 1024 + 10) } });
      expect(big.status).toBe(413);
      expect(big.json).toEqual({ detail: expect.stringContaining('too large') });
    });

    it('publishes an OpenAPI document listing every route, and /docs', async () => {
      const doc = (await httpCall(rag, 'GET', '/openapi.json')).json as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> };
      expect(doc.openapi).toBe('3.1.0');
      for (const path of ['/api/v1/search/', '/api/v1/search/vector', '/api/v1/search/bm25', '/api/v1/search/hybrid', '/api/v1/indexing/file', '/api/v1/indexing/json/batch', '/api/v1/indexing/vector/index', '/api/v1/generate/', '/api/v1/prompts/templates/{name}', '/readyz', '/metrics']) {
        expect(doc.paths[path], path).toBeDefined();
      }
      for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      expect(doc.paths['/api/v1/search/']?.['post']?.requestBody).toBeDefined();
      expect((await httpCall(rag, 'GET', '/docs')).text).toContain('<title>rag-server');
    });

    it('exposes dependency timings and index sizes in /metrics', async () => {
      await post('/api/v1/indexing/file', { file_path: 'lib/zorblax_utils.py', content: ZORBLAX_UTILS });
      expect((await post('/api/v1/generate/', { query: 'zorblax checksum', language: 'python' })).status).toBe(200);
      const text = (await httpCall(rag, 'GET', '/metrics')).text;
      expect(text).toMatch(/rag_dependency_request_duration_seconds_count\{dependency="embedding",operation="embed",outcome="success"\} \d+/);
      expect(text).toMatch(/rag_dependency_request_duration_seconds_count\{dependency="vector-db",operation="search",outcome="success"\} \d+/);
      expect(text).toMatch(/rag_dependency_request_duration_seconds_count\{dependency="llm",operation="chat_completion",outcome="success"\} \d+/);
      // The chunk gauge is refreshed (at most once a second) after writes.
      expect(await eventually(async () => /^rag_index_chunks\{collection="code_chunks"\} [1-9]\d*$/m.test((await httpCall(rag, 'GET', '/metrics')).text), 5000)).toBe(true);
      expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/generate\/",status_code="200"\} \d+/);
    });
  });
});
