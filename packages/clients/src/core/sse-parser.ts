/**
 * Incremental parser for Server-Sent Events as OpenAI-compatible servers send them: feed it text
 * as it arrives; it returns the `data:` payload of every complete event.
 */
export class SseParser {
  #buffer = '';

  push(text: string): string[] {
    this.#buffer += text;
    const events: string[] = [];
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.#buffer);
      if (match === null) break;
      const raw = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const data = raw
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data.length > 0) events.push(data);
    }
    return events;
  }

  /** Whatever is left unterminated when the stream ends. */
  rest(): string {
    return this.#buffer;
  }
}
