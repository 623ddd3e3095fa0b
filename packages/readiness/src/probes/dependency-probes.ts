import { HttpStatusError } from '@rag-validate/clients';
import { gathered, missing, type EvidenceMap, type GatherFailure } from '../model/evidence.js';
import type { ProbeContext } from './probe-context.js';
import { unreachableReason } from './probe-context.js';

function failure(error: unknown, what: string): { code: GatherFailure; reason: string } {
  const e = error as Error & { code?: string };
  const unreachable = e.code === 'RV_ERR_CONNECTION' || e.code === 'RV_ERR_TIMEOUT';
  return { code: unreachable ? 'unreachable' : 'failed', reason: `${what}: ${unreachable ? unreachableReason(e) : e.message}` };
}

/** Embeds one short text and reports the vector's length. */
export async function probeEmbeddingDimension(ctx: ProbeContext): Promise<EvidenceMap['embeddingDimension']> {
  try {
    const { embedding } = await ctx.clients.embedding.embed('def readiness_probe(): return "rag-validate"', { timeoutMs: ctx.settings.probeTimeoutMs });
    return gathered(embedding.length);
  } catch (error) {
    const { code, reason } = failure(error, 'embedding failed');
    return missing(code, reason);
  }
}

/** Reads the configured collection; `null` when it does not exist. */
export async function probeCollection(ctx: ProbeContext): Promise<EvidenceMap['collection']> {
  const name = ctx.config.target.collection.name;
  try {
    const info = await ctx.clients.vectorDb.getCollection(name, { timeoutMs: ctx.settings.probeTimeoutMs });
    return gathered({ name, status: info.status, vectorSize: info.vectorSize, distance: info.distance, pointsCount: info.pointsCount });
  } catch (error) {
    if (error instanceof HttpStatusError && error.statusCode === 404) return gathered(null);
    const { code, reason } = failure(error, `reading collection ${name} failed`);
    return missing(code, reason);
  }
}

/** The model ids `/v1/models` lists. */
export async function probeLlmModels(ctx: ProbeContext): Promise<EvidenceMap['llmModels']> {
  try {
    const models = await ctx.clients.llm.models({ timeoutMs: ctx.settings.probeTimeoutMs });
    return gathered(models.map((m) => m.id));
  } catch (error) {
    const { code, reason } = failure(error, '/v1/models failed');
    return missing(code, reason);
  }
}
