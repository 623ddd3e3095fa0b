import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * How to run one of this package's entry scripts (`proxy-main`, …) as a separate Node process.
 * From the built package that is `node dist/…/x.js`; when the package runs from its TypeScript
 * sources (tests), the child gets the tsx loader and the workspace `@rag-validate/source` condition.
 */
export function nodeEntry(moduleUrl: string, relativeEntry: string): { readonly command: string; readonly args: readonly string[] } {
  const fromSource = moduleUrl.endsWith('.ts');
  const entry = fileURLToPath(new URL(`${relativeEntry}.${fromSource ? 'ts' : 'js'}`, moduleUrl));
  if (!fromSource) return { command: process.execPath, args: [entry] };
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
  return { command: process.execPath, args: ['--conditions=@rag-validate/source', '--import', tsx, entry] };
}
