#!/usr/bin/env node
// Committed shim so `npx rag-validate` works right after `npm ci` (which builds dist/ via the
// root `prepare` script). It only loads the compiled CLI.
import('../dist/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    process.stderr.write('rag-validate is not built yet: run `npm run build` in the repository root (npm ci does this for you).\n');
    process.exitCode = 2;
    return;
  }
  throw error;
});
