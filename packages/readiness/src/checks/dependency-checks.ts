import { failed, passed, unknown, warned, type ReadinessCheck } from '../model/check-types.js';

export const vectorDimensionsCheck: ReadinessCheck = {
  id: 'deps.vector-dimensions',
  category: 'dependencies',
  severity: 'critical',
  title: 'Embedding dimension = collection vector size = configured size',
  probes:
    'Embeds one short text through the embedding-server (POST /embedding/embed) and reads the collection (GET /collections/{target.collection.name}): the embedding length, the collection’s vector size and `target.collection.vectorSize` must be equal; a different distance than `target.collection.distance` warns.',
  howToFix:
    'Recreate the collection with the embedding model’s dimension (`PUT /collections/<name>` with `{"vectors":{"size":384,"distance":"Cosine"}}` for all-MiniLM-L6-v2) and set target.collection.vectorSize to the same number; re-index after changing the model.',
  needs: ['embeddingDimension', 'collection'],
  evaluate(evidence) {
    const { target, embeddingDimension, collection } = evidence;
    if (embeddingDimension === undefined || collection === undefined) return unknown('embedding and collection were not probed');
    const sizes: Array<[string, number]> = [['configured (target.collection.vectorSize)', target.vectorSize]];
    const missing: string[] = [];
    if (embeddingDimension.ok) sizes.push(['embedding-server output', embeddingDimension.value]);
    else missing.push(`embedding: ${embeddingDimension.reason}`);
    if (collection.ok && collection.value !== null) sizes.push([`collection ${collection.value.name}`, collection.value.vectorSize]);
    else missing.push(collection.ok ? `collection ${target.collectionName} does not exist` : `collection: ${collection.reason}`);
    const facts = [...sizes.map(([what, size]) => `${what}: ${size}`), ...missing];
    const distinct = new Set(sizes.map(([, size]) => size));
    if (distinct.size > 1) return failed(`dimensions differ: ${sizes.map(([what, size]) => `${what} ${size}`).join(', ')}`, facts);
    if (missing.length > 0) return unknown(`only ${sizes.length} of 3 sizes could be read`, facts);
    if (collection.ok && collection.value !== null && collection.value.distance.toLowerCase() !== target.distance.toLowerCase()) {
      return warned(`sizes agree (${target.vectorSize}) but the collection uses ${collection.value.distance} distance, the config ${target.distance}`, facts);
    }
    return passed(`embedding, collection and config agree on ${target.vectorSize} dimensions`, facts);
  },
};

export const collectionReadyCheck: ReadinessCheck = {
  id: 'deps.collection-ready',
  category: 'dependencies',
  severity: 'critical',
  title: 'The collection exists and is green',
  probes: 'GET /collections/{target.collection.name} on the vector-db: it exists and its status is `green` (`yellow`: optimizing, warns; `red`/`grey`: fails). The Task-06 rag-server never creates `code_chunks` itself.',
  howToFix: 'Create the collection before starting the rag-server (`PUT /collections/code_chunks` with the embedding dimension), or set target.collection.name to the collection the rag-server uses; investigate a red collection in the Qdrant logs.',
  needs: ['collection'],
  evaluate(evidence) {
    const { collection, target } = evidence;
    if (collection === undefined) return unknown('the collection was not probed');
    if (!collection.ok) return unknown(`the collection could not be read: ${collection.reason}`);
    if (collection.value === null) return failed(`collection ${target.collectionName} does not exist`);
    const { status, pointsCount, name } = collection.value;
    const facts = [`collection ${name}: status ${status}, ${pointsCount} points`];
    if (status === 'green') return passed(`collection ${name} exists and is green`, facts);
    if (status === 'yellow') return warned(`collection ${name} is yellow (optimizing)`, facts);
    return failed(`collection ${name} is ${status}`, facts);
  },
};

export const llmModelAvailableCheck: ReadinessCheck = {
  id: 'deps.llm-model-available',
  category: 'dependencies',
  severity: 'high',
  title: 'The configured LLM model is served',
  probes: 'GET /v1/models on the llm-server lists `target.llmModel` (the model the rag-server asks for).',
  howToFix: 'Serve the model the rag-server requests (gpt-4o-mini for codev), or set target.llmModel (RAG_VALIDATE_LLM_MODEL) to one listed by /v1/models.',
  needs: ['llmModels'],
  evaluate(evidence) {
    const { llmModels, target } = evidence;
    if (llmModels === undefined) return unknown('/v1/models was not probed');
    if (!llmModels.ok) return unknown(`/v1/models could not be read: ${llmModels.reason}`);
    const facts = [`/v1/models lists: ${llmModels.value.join(', ') || '(nothing)'}`];
    if (llmModels.value.includes(target.llmModel)) return passed(`${target.llmModel} is listed`, facts);
    return failed(`${target.llmModel} is not listed by /v1/models`, facts);
  },
};

export const DEPENDENCY_CHECKS: readonly ReadinessCheck[] = [vectorDimensionsCheck, collectionReadyCheck, llmModelAvailableCheck];
