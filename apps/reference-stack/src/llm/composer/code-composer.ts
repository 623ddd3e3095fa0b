import type { ChatMessageLike } from '../../text/rag-prompt.js';
import { parseRagPrompt } from '../../text/rag-prompt.js';
import { composeGo } from './go-composer.js';
import { composeJava } from './java-composer.js';
import { composeJavaScript } from './js-composer.js';
import { composePython } from './python-composer.js';

/**
 * The reference LLM's "model": reads the language, the request and the retrieved code from the
 * conversation and writes code in that language built on the context. Deterministic: the same
 * conversation gives the same answer.
 */
export function composeAnswer(messages: readonly ChatMessageLike[]): string {
  const prompt = parseRagPrompt(messages);
  switch (prompt.language) {
    case 'java':
      return composeJava(prompt);
    case 'javascript':
      return composeJavaScript(prompt, false);
    case 'typescript':
      return composeJavaScript(prompt, true);
    case 'go':
      return composeGo(prompt);
    default:
      return composePython(prompt);
  }
}
