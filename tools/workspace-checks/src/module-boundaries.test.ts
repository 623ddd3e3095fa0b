import { fileURLToPath } from 'node:url';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** DESIGN.md "Module boundaries": which tags each tag may depend on. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'type:app': ['type:suite', 'type:target', 'type:client', 'type:config'],
  'type:suite': ['type:suite', 'type:target', 'type:client', 'type:config'],
  'type:target': ['type:client', 'type:config'],
  'type:client': ['type:config'],
  'type:config': [],
  'type:tooling': [],
};

function typeTag(tags: readonly string[] | undefined): string | undefined {
  return (tags ?? []).find((tag) => tag.startsWith('type:'));
}

describe('module boundaries (DESIGN.md)', () => {
  it('the Nx project graph has only allowed dependencies between our projects', async () => {
    process.env['NX_DAEMON'] = 'false';
    const graph = await createProjectGraphAsync({ exitOnError: false });
    const ours = Object.values(graph.nodes).filter((node) => node.name.startsWith('@rag-validate/'));
    expect(ours.length).toBeGreaterThanOrEqual(4);
    const violations: string[] = [];
    for (const node of ours) {
      const from = typeTag(node.data.tags);
      if (from === undefined) {
        violations.push(`${node.name} has no type:* tag`);
        continue;
      }
      for (const dep of graph.dependencies[node.name] ?? []) {
        const target = graph.nodes[dep.target];
        if (target === undefined || !dep.target.startsWith('@rag-validate/')) continue;
        const to = typeTag(target.data.tags) ?? '(none)';
        if (!(ALLOWED[from] ?? []).includes(to)) violations.push(`${node.name} (${from}) → ${dep.target} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('lint rejects an import across a forbidden boundary and accepts an allowed one', async () => {
    const eslint = new ESLint({ cwd: root });
    const lint = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
      return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
    };
    // config (type:config) may use nothing of ours
    expect(await lint('packages/config/src/boundary-probe.ts', "import { HttpClient } from '@rag-validate/clients';\nexport const probe = HttpClient;\n")).not.toEqual([]);
    // workspace-checks (type:tooling) may use nothing of ours, and nothing depends on it (no cycle to mask the tag rule)
    expect(await lint('tools/workspace-checks/src/boundary-probe.ts', "import { defaultConfig } from '@rag-validate/config';\nexport const probe = defaultConfig;\n")).toEqual([
      expect.stringContaining('A project tagged with "type:tooling" cannot depend on any libs with tags'),
    ]);
    // clients may use config
    expect(await lint('packages/clients/src/boundary-probe.ts', "import { defaultConfig } from '@rag-validate/config';\nexport const probe = defaultConfig;\n")).toEqual([]);
  });
});
