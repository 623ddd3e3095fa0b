/** One retrieved code snippet as the rag-server puts it into the prompt. */
export interface PromptContext {
  readonly filePath?: string;
  readonly language?: string;
  readonly name?: string;
  readonly code: string;
}

export interface RagPrompt {
  readonly language: string;
  readonly request: string;
  readonly contexts: readonly PromptContext[];
  readonly includeTests: boolean;
}

export interface ChatMessageLike {
  readonly role: string;
  readonly content: string;
}

const FENCE = /```([\w+#-]*)[^\n]*\n([\s\S]*?)```/g;
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  py: 'python', python: 'python', python3: 'python',
  js: 'javascript', javascript: 'javascript', node: 'javascript', jsx: 'javascript', mjs: 'javascript',
  ts: 'typescript', typescript: 'typescript', tsx: 'typescript',
  java: 'java', go: 'go', golang: 'go',
};

export function normaliseLanguage(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return LANGUAGE_ALIASES[value.trim().toLowerCase()];
}

/**
 * The user message the rag-server sends to the llm-server: the language and request lines (in
 * Korean, as the original), then each retrieved example as a fenced block with its file.
 */
export function buildRagUserPrompt(prompt: RagPrompt): string {
  const lines = [`언어: ${prompt.language}`, `요청: ${prompt.request.replace(/\s*\n\s*/g, ' ')}`, '', `Language: ${prompt.language}`, `Request: ${prompt.request.replace(/\s*\n\s*/g, ' ')}`];
  if (prompt.includeTests) lines.push('Include unit tests.');
  lines.push('');
  if (prompt.contexts.length === 0) lines.push('Relevant examples: none found.');
  else {
    lines.push('Relevant examples:');
    prompt.contexts.forEach((context, i) => {
      const meta = [context.filePath === undefined ? undefined : `file: ${context.filePath}`, context.name === undefined ? undefined : `name: ${context.name}`].filter((m) => m !== undefined).join(', ');
      lines.push(`### Example ${i + 1}${meta.length > 0 ? ` (${meta})` : ''}`);
      lines.push(`\`\`\`${context.language ?? ''}`);
      lines.push(context.code.replace(/```/g, '` ` `'));
      lines.push('```');
    });
  }
  lines.push('', 'Answer with the code only: no markdown fences, no explanations outside code comments.');
  return lines.join('\n');
}

/**
 * Reads a chat conversation back into language, request and code contexts. Works on the
 * rag-server's prompt and, as well as it can, on any chat prompt (last user message as the
 * request, fenced blocks as contexts).
 */
export function parseRagPrompt(messages: readonly ChatMessageLike[]): RagPrompt {
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const all = messages.map((m) => m.content).join('\n');
  const languageLine = /^(?:언어|Language)\s*:\s*([\w+#-]+)/im.exec(user)?.[1];
  const systemLanguage = /\b(python|javascript|typescript|java|go(?:lang)?)\b/i.exec(messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n'))?.[1];
  const contexts: PromptContext[] = [];
  const headers = [...user.matchAll(/^### Example \d+(?: \(([^)\n]*)\))?\s*$/gm)];
  let headerIndex = 0;
  for (const match of user.matchAll(FENCE)) {
    let filePath: string | undefined;
    let name: string | undefined;
    while (headerIndex < headers.length && (headers[headerIndex]?.index ?? 0) < (match.index ?? 0)) {
      const meta = headers[headerIndex]?.[1] ?? '';
      filePath = /file: ([^,]+)/.exec(meta)?.[1]?.trim();
      name = /name: ([^,]+)/.exec(meta)?.[1]?.trim();
      headerIndex += 1;
    }
    const language = normaliseLanguage(match[1]);
    contexts.push({
      code: match[2] ?? '',
      ...(filePath === undefined ? {} : { filePath }),
      ...(name === undefined ? {} : { name }),
      ...(language === undefined ? {} : { language }),
    });
  }
  const requestLine = /^(?:요청|Request)\s*:\s*(.+)$/im.exec(user)?.[1];
  const request = requestLine ?? user.replace(FENCE, ' ').replace(/\s+/g, ' ').trim();
  const language =
    normaliseLanguage(languageLine) ?? normaliseLanguage(systemLanguage) ?? normaliseLanguage(/\b(python|javascript|typescript|java|golang)\b/i.exec(user)?.[1]) ?? contexts.find((c) => c.language !== undefined)?.language ?? 'python';
  return { language, request: request.trim(), contexts, includeTests: /include (?:unit )?tests/i.test(all) || /테스트/.test(requestLine ?? '') };
}
