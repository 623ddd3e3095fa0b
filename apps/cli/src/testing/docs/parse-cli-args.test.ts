import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs (the CLI command tree, actions replaced)', () => {
  it('accepts a valid command line and names the command that would run', async () => {
    expect(await parseCliArgs(['-c', 'staging.yaml', 'perf', '--scenario', 'search', '--duration', '2m'])).toMatchObject({ exitCode: 0, command: 'perf run' });
    expect(await parseCliArgs(['chaos', 'run', 'all', '--dry-run', '--driver', 'docker'])).toMatchObject({ exitCode: 0, command: 'chaos run' });
  });

  it('rejects unknown commands and options, bad choices and values, and missing required options', async () => {
    for (const args of [
      ['launch-rockets'],
      ['health', '--bogus'],
      ['run', '--only', 'everything'],
      ['perf', '--duration', 'soon'],
      ['chaos', 'run', 'all', '--driver', 'kubectl'],
      ['monitoring', 'generate'],
      ['chaos', 'run'],
    ]) {
      const parsed = await parseCliArgs(args);
      expect(parsed.exitCode, args.join(' ')).toBe(2);
      expect(parsed.command, args.join(' ')).toBeUndefined();
    }
  });
});
