import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A workspace project with unit tests. */
export interface TestProject {
  /** Package name, e.g. `@rag-validate/config`. */
  readonly name: string;
  /** Directory relative to the workspace root, `/`-separated, e.g. `packages/config`. */
  readonly root: string;
}

/**
 * Every project of the npm workspaces (`packages/*`, `apps/*`, `tools/*` in the root package.json)
 * that has a package.json and a vitest.config.ts, sorted by root.
 */
export async function findTestProjects(workspaceRoot: string): Promise<TestProject[]> {
  const rootPackage = JSON.parse(await readFile(join(workspaceRoot, 'package.json'), 'utf8')) as { workspaces?: unknown };
  const globs = Array.isArray(rootPackage.workspaces) ? rootPackage.workspaces.filter((g): g is string => typeof g === 'string') : [];
  const projects: TestProject[] = [];
  for (const glob of globs) {
    const parent = glob.replace(/\/\*$/, '');
    if (parent === glob || parent.includes('*')) continue;
    const entries = await readdir(join(workspaceRoot, parent), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const root = `${parent}/${entry.name}`;
      const dir = join(workspaceRoot, root);
      if (!existsSync(join(dir, 'vitest.config.ts')) || !existsSync(join(dir, 'package.json'))) continue;
      const { name } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      projects.push({ name: typeof name === 'string' ? name : root, root });
    }
  }
  return projects.sort((a, b) => a.root.localeCompare(b.root));
}

/** The projects named in `selection` (package names, or roots such as `packages/config`); all when empty. Throws on an unknown name. */
export function selectProjects(projects: readonly TestProject[], selection: readonly string[]): TestProject[] {
  if (selection.length === 0) return [...projects];
  return selection.map((wanted) => {
    const found = projects.find((p) => p.name === wanted || p.root === wanted.replace(/\/+$/, '') || p.name === `@rag-validate/${wanted}`);
    if (found === undefined) throw new Error(`unknown project "${wanted}" (known: ${projects.map((p) => p.root).join(', ')})`);
    return found;
  });
}
