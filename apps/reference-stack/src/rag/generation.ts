import { buildRagUserPrompt, type PromptContext } from '../text/rag-prompt.js';
import { checkGeneratedCode, type CheckedLanguage } from '../text/syntax-check.js';
import { HttpProblem } from '../http/http-problem.js';
import type { HybridHit, HybridSearcher } from './hybrid-search.js';
import type { RagDependencies } from './rag-dependencies.js';
import { renderTemplate, type TemplateStore } from './template-store.js';

export interface GenerationRequest {
  readonly query: string;
  readonly language: CheckedLanguage;
  readonly contextLimit: number;
  readonly includeTests: boolean;
  readonly maxTokens: number;
  readonly springBootFeatures: readonly string[];
  readonly javaVersion: string;
  readonly springBootVersion: string;
  readonly vectorWeight: number;
  readonly keywordWeight: number;
  readonly useRrf: boolean;
  readonly collection: string;
}

export interface GenerationOutcome {
  readonly code: string;
  readonly contexts: readonly HybridHit[];
  readonly model: string;
  readonly tokensUsed: number | null;
  readonly elapsedMs: number;
}

/** Removes one markdown fence around the whole answer (chat models often add one). */
export function stripCodeFence(text: string): string {
  const match = /^\s*```[\w+#-]*[^\n]*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return match === null ? text : `${match[1] ?? ''}\n`;
}

/**
 * Retrieve → prompt → LLM → syntax check. The contexts returned are exactly those put into the
 * prompt. A syntax error in the answer is a 400 (as in the contract); dependency failures
 * propagate as DependencyFailure.
 */
export async function generateCode(
  request: GenerationRequest,
  deps: { searcher: HybridSearcher; dependencies: RagDependencies; templates: TemplateStore; retrieve?: (r: GenerationRequest) => Promise<HybridHit[]> },
): Promise<GenerationOutcome> {
  const started = performance.now();
  const contexts =
    deps.retrieve !== undefined
      ? await deps.retrieve(request)
      : (
          await deps.searcher.search({
            query: request.query,
            limit: request.contextLimit,
            vectorWeight: request.vectorWeight,
            keywordWeight: request.keywordWeight,
            collection: request.collection,
            useRrf: request.useRrf,
            rrfK: 60,
          })
        ).hits;
  const template = deps.templates.resolve(`${request.language}_system`) ?? deps.templates.resolve('general_system');
  const system = renderTemplate(template?.template ?? '', {
    language: request.language,
    java_version: request.javaVersion,
    spring_boot_version: request.springBootVersion,
    spring_boot_features: request.springBootFeatures.length > 0 ? request.springBootFeatures : 'none',
    tests: request.includeTests ? ' Include unit tests.' : '',
  });
  const promptContexts: PromptContext[] = contexts.map((hit) => {
    const p = hit.payload;
    return {
      code: typeof p['code_content'] === 'string' ? p['code_content'] : '',
      ...(typeof p['file_path'] === 'string' ? { filePath: p['file_path'] } : {}),
      ...(typeof p['language'] === 'string' ? { language: p['language'] } : {}),
      ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}),
    };
  });
  const user = buildRagUserPrompt({ language: request.language, request: request.query, contexts: promptContexts, includeTests: request.includeTests });
  const completion = await deps.dependencies.chat({
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    maxTokens: request.maxTokens,
    temperature: 0.1,
  });
  const code = stripCodeFence(completion.content);
  const check = checkGeneratedCode(request.language, code);
  if (!check.ok) {
    throw new HttpProblem(400, `Generated code failed the ${request.language} syntax check: ${check.reason} (line ${check.line})${completion.finishReason === 'length' ? '; the answer was cut at max_tokens' : ''}`);
  }
  return { code, contexts, model: completion.model, tokensUsed: completion.usage?.totalTokens ?? null, elapsedMs: performance.now() - started };
}
