import { describe, expect, it } from 'vitest';
import { DocCommandSyntaxError, docSteps, splitShellWords, type CommandStep } from './doc-steps.js';
import { parseMarkdownDoc } from './markdown-doc.js';

const commands = (markdown: string) => docSteps(parseMarkdownDoc(markdown)).filter((s): s is CommandStep => s.kind === 'command');

describe('splitShellWords', () => {
  it('splits like a shell for quotes and backslashes', () => {
    expect(splitShellWords(`rag-validate -c 'my file.yaml' "a b" c\\ d`)).toEqual(['rag-validate', '-c', 'my file.yaml', 'a b', 'c d']);
  });

  it('refuses syntax that needs a real shell', () => {
    for (const line of ['rag-validate health | tee x', 'rag-validate health && echo ok', 'rag-validate -c $FILE health', 'rag-validate health > out', 'rag-validate "$(pwd)"']) {
      expect(() => splitShellWords(line), line).toThrow(DocCommandSyntaxError);
    }
  });
});

describe('docSteps', () => {
  it('takes the mode from the marker, the exit code and the substitute from the trailing comment', () => {
    const steps = commands(
      [
        '```sh',
        'cp deployment/env.example .env        # then fill it in',
        'docker-compose up -d | tee log        # shown, not run',
        'rag-validate -c x.yaml health         # exit 1',
        'RAG_VALIDATE_MODE=embedded npx rag-validate run   # long; checked as: rag-validate run --only health',
        '```',
        '<!-- docs-check: parse -->',
        '```sh',
        'rag-validate stack up \\',
        '  --detach',
        'promtool check config x.yml',
        '```',
      ].join('\n'),
    );
    expect(steps.map((s) => [s.mode, s.tool, s.args.join(' '), s.expectedExit, s.line])).toEqual([
      ['run', 'cp', 'deployment/env.example .env', 0, 2],
      ['run', 'rag-validate', '-c x.yaml health', 1, 4],
      ['run', 'rag-validate', 'run --only health', 0, 5],
      ['parse', 'rag-validate', 'stack up --detach', 0, 9],
    ]);
    expect(steps[2]?.env).toEqual({ RAG_VALIDATE_MODE: 'embedded' });
    expect(steps[2]?.checkedAs).toBe('rag-validate run --only health');
  });

  it('writes file blocks in document order with the commands', () => {
    const steps = docSteps(parseMarkdownDoc(['<!-- docs-check: file a.yaml -->', '```yaml', 'target: {}', '```', '```sh', 'rag-validate -c a.yaml config validate', '```'].join('\n')));
    expect(steps.map((s) => s.kind)).toEqual(['file', 'command']);
    expect(steps[0]).toMatchObject({ kind: 'file', name: 'a.yaml', content: 'target: {}\n' });
  });

  it('refuses a substitute that runs another tool', () => {
    expect(() => commands(['```sh', 'rag-validate run   # checked as: cp a b', '```'].join('\n'))).toThrow(DocCommandSyntaxError);
  });
});
