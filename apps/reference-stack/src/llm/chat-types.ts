import { z } from 'zod';

/** Largest `max_tokens` accepted (422 above). */
export const MAX_COMPLETION_TOKENS = 32_768;

const textPart = z.object({ type: z.literal('text'), text: z.string() });

/** OpenAI chat request, as the contract's llm-server validates it (plus `stream_options`). */
export const chatRequestSchema = z.object({
  model: z.string().min(1).optional(),
  messages: z
    .array(
      z.object({
        role: z.enum(['system', 'user', 'assistant']),
        content: z.union([z.string(), z.array(textPart)]),
      }),
    )
    .min(1),
  temperature: z.number().min(0).max(2).optional(),
  // Bounded like hosted models' output limits, so a client cannot ask for unbounded work.
  max_tokens: z.number().int().gt(0).lte(MAX_COMPLETION_TOKENS).nullable().optional(),
  top_p: z.number().min(0).max(1).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullable().optional(),
});

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export function messagesOf(body: ChatRequestBody): ChatMessage[] {
  return body.messages.map((m) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join('') }));
}

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** One event of a generation: a piece of content, then the end with the finish reason and usage. */
export type GenerationEvent =
  | { readonly type: 'token'; readonly text: string }
  | { readonly type: 'done'; readonly finishReason: string; readonly usage: Usage | null; readonly model: string };
