import { closeSharedAgent } from '@rag-validate/clients';
import { CliContext } from './cli-context.js';
import { Output } from './output.js';
import { runProgram } from './program.js';

const json = process.argv.includes('--json');
const ctx = new CliContext(new Output({ json }));
try {
  await runProgram(ctx, process.argv.slice(2));
} finally {
  await closeSharedAgent();
}
