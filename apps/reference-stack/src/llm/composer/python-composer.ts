import { checkPythonSyntax } from '../../text/syntax-check.js';
import type { PromptContext, RagPrompt } from '../../text/rag-prompt.js';
import { commentText, detectIntent, moduleNameOf, relevance, snakeCase, type Intent } from './intent.js';

interface PyMethod {
  readonly name: string;
  readonly params: string | undefined;
}

interface PyDefinition {
  readonly kind: 'def' | 'class';
  readonly name: string;
  readonly params: string | undefined;
  readonly methods: readonly PyMethod[];
  readonly module: string | undefined;
  readonly filePath: string | undefined;
  readonly order: number;
}

interface PyAnalysis {
  readonly imports: string[];
  readonly definitions: PyDefinition[];
  readonly constants: Array<{ line: string; name: string; filePath: string | undefined }>;
}

const IMPORT_LINE = /^(?:import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*|from\s+\w[\w.]*\s+import\s+\w+(?:\s+as\s+\w+)?(?:\s*,\s*\w+(?:\s+as\s+\w+)?)*)\s*$/;
const DEF_LINE = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\((.*)\)\s*(?:->\s*[^:]+)?:\s*(?:#.*)?$/;
const DEF_START = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;
const CLASS_LINE = /^class\s+([A-Za-z_]\w*)/;
const METHOD_LINE = /^\s+(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\((.*)\)\s*(?:->\s*[^:]+)?:\s*(?:#.*)?$/;
const CONSTANT_LINE = /^([A-Z][A-Z0-9_]+)\s*(?::\s*[A-Za-z_][\w[\], .]*)?\s*=\s*(.+?)\s*$/;
const LITERAL = /^(?:-?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?|"[^"\\\n]*"|'[^'\\\n]*'|True|False|None|[[({][^()]*[\])}])$/;

function analyse(contexts: readonly PromptContext[]): PyAnalysis {
  const imports: string[] = [];
  const definitions: PyDefinition[] = [];
  const constants: PyAnalysis['constants'] = [];
  let order = 0;
  for (const context of contexts) {
    if (context.language !== undefined && context.language !== 'python') continue;
    const module = moduleNameOf(context.filePath);
    let currentClass: { name: string; methods: PyMethod[]; order: number } | undefined;
    const flushClass = (): void => {
      if (currentClass === undefined) return;
      definitions.push({ kind: 'class', name: currentClass.name, params: undefined, methods: currentClass.methods, module, filePath: context.filePath, order: currentClass.order });
      currentClass = undefined;
    };
    for (const line of context.code.split('\n')) {
      if (/^\S/.test(line)) flushClass();
      const trimmed = line.trimEnd();
      if (IMPORT_LINE.test(trimmed) && !imports.includes(trimmed)) imports.push(trimmed);
      const def = DEF_LINE.exec(trimmed);
      if (def !== null) {
        definitions.push({ kind: 'def', name: def[1] as string, params: def[2], methods: [], module, filePath: context.filePath, order: order++ });
        continue;
      }
      const defStart = DEF_START.exec(trimmed);
      if (defStart !== null) {
        definitions.push({ kind: 'def', name: defStart[1] as string, params: undefined, methods: [], module, filePath: context.filePath, order: order++ });
        continue;
      }
      const cls = CLASS_LINE.exec(trimmed);
      if (cls !== null) {
        currentClass = { name: cls[1] as string, methods: [], order: order++ };
        continue;
      }
      const method = METHOD_LINE.exec(trimmed);
      if (method !== null && currentClass !== undefined) {
        currentClass.methods.push({ name: method[1] as string, params: method[2] });
        continue;
      }
      const constant = CONSTANT_LINE.exec(trimmed);
      if (constant !== null && LITERAL.test(constant[2] as string) && trimmed.length <= 200 && checkPythonSyntax(trimmed).ok && !constants.some((c) => c.name === constant[1])) {
        constants.push({ line: trimmed, name: constant[1] as string, filePath: context.filePath });
      }
    }
    flushClass();
  }
  return { imports, definitions, constants };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth -= 1;
    else if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim().length > 0) parts.push(current.trim());
  return parts;
}

/** `a, b: int = 1, *args, c, **kw` → `a, b, *args, c=c, **kw`; undefined when unsure. */
function callArguments(params: string, dropSelf: boolean): string | undefined {
  const args: string[] = [];
  let keywordOnly = false;
  const parts = splitTopLevel(params);
  for (const [i, part] of parts.entries()) {
    if (part === '/') continue;
    if (part === '*') {
      keywordOnly = true;
      continue;
    }
    const name = /^(\*{0,2})([A-Za-z_]\w*)/.exec(part);
    if (name === null) return undefined;
    if (dropSelf && i === 0 && (name[2] === 'self' || name[2] === 'cls')) continue;
    if (name[1] === '*') {
      keywordOnly = true;
      args.push(`*${name[2] ?? ''}`);
    } else if (name[1] === '**') args.push(`**${name[2] ?? ''}`);
    else args.push(keywordOnly ? `${name[2] ?? ''}=${name[2] ?? ''}` : (name[2] ?? ''));
  }
  return args.join(', ');
}

function withoutSelf(params: string): string {
  const parts = splitTopLevel(params);
  const first = parts[0] ?? '';
  if (/^(self|cls)\b/.test(first)) parts.shift();
  return parts.join(', ');
}

interface Piece {
  readonly imports: readonly string[];
  readonly code: string;
}

function pandasAlias(imports: readonly string[]): string | undefined {
  for (const line of imports) {
    const aliased = /^import\s+pandas\s+as\s+(\w+)$/.exec(line);
    if (aliased !== null) return aliased[1];
    if (/^import\s+pandas$/.test(line)) return 'pandas';
  }
  return undefined;
}

/** Text safe inside a `"""docstring"""`: one line, no backslashes, no triple quotes, no trailing quote. */
function docText(text: string): string {
  const safe = commentText(text).replace(/\\/g, '/').replace(/"""/g, "'''");
  return safe.endsWith('"') ? `${safe} ` : safe;
}

function seeAlso(def: PyDefinition | undefined): string {
  if (def === undefined) return '';
  return `\n\n    Same approach as ${def.name}${def.filePath === undefined ? '' : ` in ${docText(def.filePath)}`}.`;
}

function recipe(intent: Intent, name: string, analysis: PyAnalysis, related: PyDefinition | undefined): Piece | undefined {
  const also = seeAlso(related);
  if (intent.csv && !intent.write) {
    const alias = pandasAlias(analysis.imports);
    if (alias !== undefined || intent.pandas) {
      const pd = alias ?? 'pd';
      return {
        imports: [alias === undefined ? 'import pandas as pd' : (analysis.imports.find((l) => /^import\s+pandas\b/.test(l)) ?? 'import pandas as pd')],
        code: [
          `def ${name}(path, **read_options):`,
          `    """Read the CSV file at \`path\` into a pandas DataFrame (pandas.read_csv).${also}`,
          '    """',
          `    df = ${pd}.read_csv(path, **read_options)`,
          '    return df',
        ].join('\n'),
      };
    }
    return {
      imports: ['import csv'],
      code: [
        `def ${name}(path, encoding="utf-8"):`,
        `    """Read the CSV file at \`path\` into a list of dicts, one per row (csv.DictReader).${also}`,
        '    """',
        '    with open(path, newline="", encoding=encoding) as handle:',
        '        return list(csv.DictReader(handle))',
      ].join('\n'),
    };
  }
  if (intent.csv && intent.write) {
    const alias = pandasAlias(analysis.imports);
    if (alias !== undefined || intent.pandas) {
      return {
        imports: [alias === undefined ? 'import pandas as pd' : (analysis.imports.find((l) => /^import\s+pandas\b/.test(l)) ?? 'import pandas as pd')],
        code: [`def ${name}(df, path):`, `    """Write the DataFrame \`df\` to a CSV file (DataFrame.to_csv).${also}`, '    """', '    df.to_csv(path, index=False)', '    return path'].join('\n'),
      };
    }
    return {
      imports: ['import csv'],
      code: [
        `def ${name}(rows, path):`,
        `    """Write a list of dicts to a CSV file with a header row.${also}`,
        '    """',
        '    fieldnames = list(rows[0].keys()) if rows else []',
        '    with open(path, "w", newline="", encoding="utf-8") as handle:',
        '        writer = csv.DictWriter(handle, fieldnames=fieldnames)',
        '        writer.writeheader()',
        '        writer.writerows(rows)',
        '    return len(rows)',
      ].join('\n'),
    };
  }
  if (intent.json) {
    return intent.write
      ? { imports: ['import json'], code: [`def ${name}(data, path):`, `    """Write \`data\` to \`path\` as JSON.${also}`, '    """', '    with open(path, "w", encoding="utf-8") as handle:', '        json.dump(data, handle, ensure_ascii=False, indent=2)', '    return path'].join('\n') }
      : { imports: ['import json'], code: [`def ${name}(path):`, `    """Load the JSON document at \`path\`.${also}`, '    """', '    with open(path, encoding="utf-8") as handle:', '        return json.load(handle)'].join('\n') };
  }
  if (intent.http) {
    const hasRequests = analysis.imports.some((l) => /^import\s+requests\b/.test(l));
    return hasRequests
      ? { imports: ['import requests'], code: [`def ${name}(url, timeout=10):`, `    """GET \`url\` and return the decoded JSON body.${also}`, '    """', '    response = requests.get(url, timeout=timeout)', '    response.raise_for_status()', '    return response.json()'].join('\n') }
      : { imports: ['import json', 'import urllib.request'], code: [`def ${name}(url, timeout=10):`, `    """GET \`url\` and return the decoded JSON body.${also}`, '    """', '    with urllib.request.urlopen(url, timeout=timeout) as response:', '        return json.loads(response.read().decode("utf-8"))'].join('\n') };
  }
  if (intent.sort) return { imports: [], code: [`def ${name}(items, key=None, reverse=False):`, `    """Return \`items\` sorted (stable).${also}`, '    """', '    return sorted(items, key=key, reverse=reverse)'].join('\n') };
  if (intent.average) return { imports: [], code: [`def ${name}(values):`, `    """Arithmetic mean of \`values\`; 0.0 for an empty sequence.${also}`, '    """', '    values = list(values)', '    if not values:', '        return 0.0', '    return sum(values) / len(values)'].join('\n') };
  if (intent.sum) return { imports: [], code: [`def ${name}(values):`, `    """Sum of \`values\`.${also}`, '    """', '    return sum(values)'].join('\n') };
  if (intent.file && intent.read) return { imports: [], code: [`def ${name}(path, encoding="utf-8"):`, `    """Return the text of the file at \`path\`.${also}`, '    """', '    with open(path, encoding=encoding) as handle:', '        return handle.read()'].join('\n') };
  return undefined;
}

function delegate(name: string, def: PyDefinition, request: string, intent: Intent): Piece {
  const fromModule = def.module === undefined ? [] : [`from ${def.module} import ${def.name}`];
  const source = def.filePath === undefined ? '' : ` from ${docText(def.filePath)}`;
  const doc = `    """${docText(request)}\n\n    Uses ${def.name}${source}.\n    """`;
  if (def.kind === 'class') {
    const method = [...def.methods].filter((m) => !m.name.startsWith('__')).sort((a, b) => relevance(b.name, intent) - relevance(a.name, intent))[0];
    const instance = snakeCase([def.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()]);
    if (method === undefined) {
      return { imports: fromModule, code: [`def ${name}(*args, **kwargs):`, doc, `    ${instance} = ${def.name}(*args, **kwargs)`, `    return ${instance}`].join('\n') };
    }
    const params = method.params === undefined ? undefined : withoutSelf(method.params);
    const args = method.params === undefined ? undefined : callArguments(method.params, true);
    if (params === undefined || args === undefined) {
      return { imports: fromModule, code: [`def ${name}(${instance}, *args, **kwargs):`, doc, `    return ${instance}.${method.name}(*args, **kwargs)`].join('\n') };
    }
    const signature = params.length > 0 ? `${instance}, ${params}` : instance;
    return { imports: fromModule, code: [`def ${name}(${signature}):`, doc, `    result = ${instance}.${method.name}(${args})`, '    return result'].join('\n') };
  }
  const args = def.params === undefined ? undefined : callArguments(def.params, false);
  if (def.params === undefined || args === undefined) {
    return { imports: fromModule, code: [`def ${name}(*args, **kwargs):`, doc, `    return ${def.name}(*args, **kwargs)`].join('\n') };
  }
  return { imports: fromModule, code: [`def ${name}(${def.params}):`, doc, `    result = ${def.name}(${args})`, '    return result'].join('\n') };
}

/**
 * Python from the request and the retrieved code: a recipe for common tasks (CSV with pandas or
 * csv, JSON, HTTP, sorting, sums), otherwise a function built on the most relevant definition of
 * the context (imported from its module); literal constants of the context are carried over.
 */
export function composePython(prompt: RagPrompt): string {
  const intent = detectIntent(prompt.request);
  const analysis = analyse(prompt.contexts);
  const ranked = [...analysis.definitions].sort((a, b) => relevance(b.name, intent) - relevance(a.name, intent) || a.order - b.order);
  const best = ranked[0];
  let name = snakeCase(intent.nameWords);
  if (analysis.definitions.some((d) => d.name === name)) name = `run_${name}`;
  const main = recipe(intent, name, analysis, best) ?? (best === undefined ? undefined : delegate(name, best, prompt.request, intent));
  const piece: Piece = main ?? {
    imports: [],
    code: [`def ${name}(data):`, `    """${docText(prompt.request)}"""`, '    if data is None:', '        raise ValueError("data must not be None")', '    return data'].join('\n'),
  };
  const used = prompt.contexts.filter((c) => c.language === undefined || c.language === 'python').slice(0, 3);
  const header = [`# Generated by the rag-validate reference LLM for: ${commentText(prompt.request)}`];
  if (used.length > 0) header.push(`# Context used: ${used.map((c) => `${c.filePath ?? '(snippet)'}${c.name === undefined ? '' : ` (${c.name})`}`).join(', ').slice(0, 300)}`);
  const imports = [...new Set(piece.imports)];
  const constants = analysis.constants.filter((c) => piece.code.includes(c.name) || relevance(c.name, intent) > 0 || analysis.constants.length <= 3).slice(0, 5);
  const sections = [header.join('\n')];
  if (imports.length > 0) sections.push(imports.join('\n'));
  if (constants.length > 0) sections.push(constants.map((c) => `${c.line}  # from ${commentText(c.filePath ?? 'the context', 80)}`).join('\n'));
  sections.push(piece.code);
  if (prompt.includeTests) sections.push([`def test_${name}():`, `    """Smoke test: ${name} exists and is callable."""`, `    assert callable(${name})`].join('\n'));
  return `${sections.join('\n\n\n')}\n`;
}
