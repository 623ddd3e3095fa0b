/** Shown when nothing answers on the embedded stack's default ports. */
export const closedPortHint =
  'nothing answers on the default ports: start the embedded reference stack with `npx rag-validate stack up`, or point rag-validate at your system (--config rag-validate.yaml or RAG_VALIDATE_RAG_URL, …)';
