// Copies what the reference stack needs at run time into <out>/app: the built workspace packages
// (@rag-validate/reference-stack, clients, config: package.json + dist) and the production
// dependency closure from the repository's node_modules (following `dependencies` and installed
// `optionalDependencies`). Usage: node collect-runtime.mjs <repo-root> <out-dir>
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [repoRoot, outDir] = process.argv.slice(2);
if (!repoRoot || !outDir) {
  process.stderr.write('usage: node collect-runtime.mjs <repo-root> <out-dir>\n');
  process.exitCode = 2;
} else {
  const appModules = join(outDir, 'app', 'node_modules');
  const seen = new Set();
  const missing = [];

  /** Finds a package the way Node does from `fromDir` upwards, ending at the repository root. */
  const locate = (name, fromDir) => {
    let dir = fromDir;
    for (;;) {
      const candidate = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) return dirname(candidate);
      if (dir === repoRoot || dirname(dir) === dir) return undefined;
      dir = dirname(dir);
    }
  };

  const rootModules = join(repoRoot, 'node_modules');
  /** Real directory of each workspace package copied → where it went, to place its nested node_modules. */
  const workspaceTargets = new Map();

  /** Where a package found at `real` goes in the image, keeping node_modules nesting as on disk. */
  const targetOf = (name, real) => {
    if (name.startsWith('@rag-validate/')) return join(appModules, name);
    if (real.startsWith(`${rootModules}/`)) return join(appModules, real.slice(rootModules.length + 1));
    for (const [workspaceDir, target] of workspaceTargets) {
      if (real.startsWith(`${workspaceDir}/node_modules/`)) return join(target, real.slice(workspaceDir.length + 1));
    }
    throw new Error(`cannot place ${name} (${real}) in the image`);
  };

  const copyPackage = (name, sourceDir) => {
    const real = realpathSync(sourceDir);
    if (seen.has(real)) return;
    seen.add(real);
    const pkg = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8'));
    const target = targetOf(name, real);
    mkdirSync(dirname(target), { recursive: true });
    if (name.startsWith('@rag-validate/')) {
      // A workspace package: only its manifest and build output.
      workspaceTargets.set(real, target);
      mkdirSync(target, { recursive: true });
      cpSync(join(real, 'package.json'), join(target, 'package.json'));
      if (!existsSync(join(real, 'dist'))) throw new Error(`${name} is not built (no ${join(real, 'dist')}); run npm run build first`);
      cpSync(join(real, 'dist'), join(target, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.tsbuildinfo') && !src.endsWith('.map') && !/\.test\.(js|d\.ts)$/.test(src) });
    } else {
      cpSync(real, target, { recursive: true, dereference: true, filter: (src) => { const rel = src.slice(real.length); if (rel.startsWith('/build')) return rel === '/build' || rel === '/build/Release' || rel.endsWith('.node'); return !rel.startsWith('/node_modules') && !/^\/(test|tests|docs|deps|src)(\/|$)/.test(rel) && !rel.endsWith('.md'); } });
    }
    const deps = { ...pkg.dependencies, ...pkg.optionalDependencies };
    for (const dep of Object.keys(deps)) {
      const found = locate(dep, real);
      if (found === undefined) {
        if (!pkg.optionalDependencies?.[dep]) missing.push(`${dep} (needed by ${name})`);
        continue;
      }
      copyPackage(dep, found);
    }
  };

  copyPackage('@rag-validate/reference-stack', join(repoRoot, 'node_modules', '@rag-validate', 'reference-stack'));
  if (missing.length > 0) throw new Error(`missing runtime dependencies: ${missing.join(', ')}`);
  process.stdout.write(`collected ${seen.size} packages into ${appModules}\n`);
}
