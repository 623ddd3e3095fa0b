import type { PromptContext, RagPrompt } from '../../text/rag-prompt.js';
import { camelCase, commentText, detectIntent, moduleNameOf, relevance, type Intent } from './intent.js';

interface JsFunction {
  readonly name: string;
  readonly params: string;
  readonly module: string | undefined;
  readonly exported: boolean;
  readonly order: number;
}

const FUNCTION = /^\s*(export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(([^)]*)\)/;
const ARROW = /^\s*(export\s+)?(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?\(([^)]*)\)\s*(?::[^=]+)?=>/;
const CLASS = /^\s*(export\s+)?(?:default\s+)?class\s+([A-Za-z_$][\w$]*)/;
const CONSTANT = /^\s*(?:export\s+)?const\s+([A-Z][A-Z0-9_]+)\s*(?::\s*\w+)?\s*=\s*(-?\d[\d_.]*|'[^'\\\n]*'|"[^"\\\n]*"|true|false|null)\s*;?\s*$/;

function analyse(contexts: readonly PromptContext[], typescript: boolean) {
  const functions: JsFunction[] = [];
  const constants: string[] = [];
  let order = 0;
  let esm = typescript;
  for (const context of contexts) {
    if (context.language !== undefined && context.language !== 'javascript' && context.language !== 'typescript') continue;
    if (/^\s*(?:import|export)\s/m.test(context.code)) esm = true;
    const module = moduleNameOf(context.filePath);
    for (const line of context.code.split('\n')) {
      const match = FUNCTION.exec(line) ?? ARROW.exec(line);
      if (match !== null) {
        functions.push({ name: match[2] as string, params: typescript ? (match[3] as string) : (match[3] as string).replace(/:\s*[^,=]+/g, ''), module, exported: match[1] !== undefined, order: order++ });
        continue;
      }
      const cls = CLASS.exec(line);
      if (cls !== null) functions.push({ name: cls[2] as string, params: '...args', module, exported: cls[1] !== undefined, order: order++ });
      const constant = CONSTANT.exec(line);
      if (constant !== null) {
        const text = `const ${constant[1] ?? ''} = ${constant[2] ?? ''};`;
        if (!constants.includes(text)) constants.push(text);
      }
    }
  }
  return { functions, constants, esm };
}

function argumentNames(params: string): string {
  return params
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => {
      const rest = p.startsWith('...');
      const name = /[A-Za-z_$][\w$]*/.exec(p.replace(/^\.\.\./, ''))?.[0] ?? 'arg';
      return rest ? `...${name}` : name;
    })
    .join(', ');
}

function recipe(intent: Intent, name: string, esm: boolean, typescript: boolean, comment: string): { imports: string[]; code: string } | undefined {
  const fsImport = esm ? "import { readFileSync } from 'node:fs';" : "const { readFileSync } = require('node:fs');";
  const t = (type: string): string => (typescript ? `: ${type}` : '');
  if (intent.csv && !intent.write) {
    return {
      imports: [fsImport],
      code: [
        `/** Reads a CSV file into one object per row, keyed by the header.${comment} */`,
        `function ${name}(path${t('string')})${t('Array<Record<string, string>>')} {`,
        "  const text = readFileSync(path, 'utf8').trim();",
        "  const [header = '', ...rows] = text.split('\\n');",
        "  const columns = header.split(',');",
        '  return rows.map((row) => {',
        "    const values = row.split(',');",
        "    return Object.fromEntries(columns.map((column, i) => [column, values[i] ?? '']));",
        '  });',
        '}',
      ].join('\n'),
    };
  }
  if (intent.json && !intent.write) {
    return { imports: [fsImport], code: [`/** Loads a JSON file.${comment} */`, `function ${name}(path${t('string')})${t('unknown')} {`, "  return JSON.parse(readFileSync(path, 'utf8'));", '}'].join('\n') };
  }
  if (intent.http) {
    return {
      imports: [],
      code: [`/** GETs a URL and returns the JSON body.${comment} */`, `async function ${name}(url${t('string')})${t('Promise<unknown>')} {`, '  const response = await fetch(url);', '  if (!response.ok) {', '    throw new Error(`HTTP ${response.status} for ${url}`);', '  }', '  return response.json();', '}'].join('\n'),
    };
  }
  if (intent.sort) {
    return { imports: [], code: [`/** Returns a sorted copy.${comment} */`, `function ${name}${typescript ? '<T>' : ''}(items${t('readonly T[]')}, compare${t('(a: T, b: T) => number')})${t('T[]')} {`, '  return [...items].sort(compare);', '}'].join('\n') };
  }
  return undefined;
}

/**
 * JavaScript or TypeScript from the request and the retrieved code: a recipe for common tasks,
 * otherwise a function that delegates to the most relevant function of the context, imported
 * from its module (ES modules when the context uses them or for TypeScript, else CommonJS).
 */
export function composeJavaScript(prompt: RagPrompt, typescript: boolean): string {
  const intent = detectIntent(prompt.request);
  const { functions, constants, esm } = analyse(prompt.contexts, typescript);
  const ranked = [...functions].sort((a, b) => relevance(b.name, intent) - relevance(a.name, intent) || a.order - b.order);
  const best = ranked[0];
  let name = camelCase(intent.nameWords);
  if (functions.some((f) => f.name === name)) name = `${name}Wrapped`;
  const comment = best === undefined ? '' : ` Same approach as ${best.name}.`;
  const header = [`// Generated by the rag-validate reference LLM for: ${commentText(prompt.request)}`];
  const used = prompt.contexts.filter((c) => c.language === undefined || c.language === 'javascript' || c.language === 'typescript').slice(0, 3);
  if (used.length > 0) header.push(`// Context used: ${used.map((c) => c.filePath ?? c.name ?? '(snippet)').join(', ').slice(0, 300)}`);
  let imports: string[] = [];
  let code: string;
  const fromRecipe = recipe(intent, name, esm, typescript, comment);
  if (fromRecipe !== undefined) {
    imports = fromRecipe.imports;
    code = fromRecipe.code;
  } else if (best !== undefined) {
    if (best.module !== undefined) imports = [esm ? `import { ${best.name} } from './${best.module}${typescript ? '' : '.js'}';` : `const { ${best.name} } = require('./${best.module}');`];
    const isClass = /^[A-Z]/.test(best.name);
    const params = typescript && isClass ? `...args: ConstructorParameters<typeof ${best.name}>` : best.params;
    const args = argumentNames(best.params);
    code = [`/** ${commentText(prompt.request, 120)} — uses ${best.name}. */`, `function ${name}(${params}) {`, `  const result = ${isClass ? 'new ' : ''}${best.name}(${args});`, '  return result;', '}'].join('\n');
  } else {
    code = [`/** ${commentText(prompt.request, 120)} */`, `function ${name}(input${typescript ? ': unknown' : ''}) {`, '  if (input === undefined || input === null) {', "    throw new TypeError('input is required');", '  }', '  return input;', '}'].join('\n');
  }
  const exportLine = esm ? `export { ${name} };` : `module.exports = { ${name} };`;
  const sections = [header.join('\n')];
  if (imports.length > 0) sections.push(imports.join('\n'));
  if (constants.length > 0) sections.push(constants.slice(0, 5).join('\n'));
  sections.push(code, exportLine);
  return `${sections.join('\n\n')}\n`;
}
