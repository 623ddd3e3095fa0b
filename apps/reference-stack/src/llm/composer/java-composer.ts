import type { PromptContext, RagPrompt } from '../../text/rag-prompt.js';
import { camelCase, commentText, detectIntent, pascalCase, relevance, type Intent } from './intent.js';

interface JavaMethod {
  readonly className: string;
  readonly qualifiedClass: string | undefined;
  readonly name: string;
  readonly returnType: string;
  readonly params: string;
  readonly isStatic: boolean;
  readonly order: number;
}

const METHOD = /^\s*(?:(?:public|protected|private|static|final|synchronized|abstract|default)\s+)*(?:<[^>]+>\s+)?([\w.<>[\], ?]+?)\s+([a-z]\w*)\s*\(([^)]*)\)\s*(?:throws\s+[\w., ]+)?\s*[{;]?\s*$/;
const CLASS = /^\s*(?:(?:public|protected|private|abstract|final|static)\s+)*(?:class|interface|enum|record)\s+([A-Z]\w*)/;
const CONSTANT = /^\s*(?:(?:public|protected|private)\s+)?static\s+final\s+[\w<>[\]]+\s+[A-Z][A-Z0-9_]*\s*=\s*[^;]+;\s*$/;
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'new', 'else', 'throw']);

function analyse(contexts: readonly PromptContext[]): { imports: string[]; methods: JavaMethod[]; constants: string[]; classes: string[] } {
  const imports: string[] = [];
  const methods: JavaMethod[] = [];
  const constants: string[] = [];
  const classes: string[] = [];
  let order = 0;
  for (const context of contexts) {
    if (context.language !== undefined && context.language !== 'java') continue;
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(context.code)?.[1];
    let currentClass = /^(?:class\s+)?([A-Z]\w*)/.exec(context.name ?? '')?.[1] ?? /([A-Z]\w*)\.java$/.exec(context.filePath ?? '')?.[1];
    for (const line of context.code.split('\n')) {
      const trimmed = line.trim();
      if (/^import\s+[\w.*]+\s*;$/.test(trimmed) && !imports.includes(trimmed)) imports.push(trimmed);
      const cls = CLASS.exec(line);
      if (cls !== null) {
        currentClass = cls[1];
        if (currentClass !== undefined && !classes.includes(currentClass)) classes.push(currentClass);
        continue;
      }
      if (CONSTANT.test(line) && !constants.includes(trimmed)) constants.push(trimmed.replace(/^(public|protected)\s+/, 'private '));
      const method = METHOD.exec(line);
      if (method !== null && currentClass !== undefined && !KEYWORDS.has(method[2] ?? '') && !KEYWORDS.has(method[1] ?? '')) {
        methods.push({
          className: currentClass,
          qualifiedClass: pkg === undefined ? undefined : `${pkg}.${currentClass}`,
          name: method[2] as string,
          returnType: (method[1] as string).trim(),
          params: (method[3] as string).trim(),
          isStatic: /\bstatic\b/.test(line),
          order: order++,
        });
      }
    }
  }
  return { imports, methods, constants, classes };
}

function splitParams(params: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of params) {
    if (ch === '<') depth += 1;
    else if (ch === '>') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim().length > 0) parts.push(current.trim());
  return parts;
}

function argumentNames(params: string): string[] {
  return splitParams(params).map((p) => p.replace(/@\w+(?:\([^)]*\))?\s*/g, '').trim().split(/\s+/).pop()?.replace(/\W/g, '') ?? 'arg');
}

function cleanParams(params: string): string {
  return splitParams(params).map((p) => p.replace(/@\w+(?:\([^)]*\))?\s*/g, '').trim()).join(', ');
}

function recipe(intent: Intent, className: string, method: string, comment: string): { imports: string[]; body: string } | undefined {
  if (intent.csv && !intent.write) {
    return {
      imports: ['import java.io.IOException;', 'import java.nio.file.Files;', 'import java.nio.file.Path;', 'import java.util.ArrayList;', 'import java.util.List;'],
      body: [
        `public class ${className} {`,
        `    /** Reads a CSV file into rows of fields.${comment} */`,
        `    public static List<String[]> ${method}(String path) throws IOException {`,
        '        List<String[]> rows = new ArrayList<>();',
        '        for (String line : Files.readAllLines(Path.of(path))) {',
        '            rows.add(line.split(","));',
        '        }',
        '        return rows;',
        '    }',
        '}',
      ].join('\n'),
    };
  }
  if (intent.file && intent.read) {
    return {
      imports: ['import java.io.IOException;', 'import java.nio.file.Files;', 'import java.nio.file.Path;'],
      body: [`public class ${className} {`, `    /** Returns the text of a file.${comment} */`, `    public static String ${method}(String path) throws IOException {`, '        return Files.readString(Path.of(path));', '    }', '}'].join('\n'),
    };
  }
  if (intent.sort) {
    return {
      imports: ['import java.util.ArrayList;', 'import java.util.Comparator;', 'import java.util.List;'],
      body: [`public class ${className} {`, `    /** Returns a sorted copy.${comment} */`, `    public static <T> List<T> ${method}(List<T> items, Comparator<? super T> order) {`, '        List<T> copy = new ArrayList<>(items);', '        copy.sort(order);', '        return copy;', '    }', '}'].join('\n'),
    };
  }
  return undefined;
}

/**
 * Java from the request and the retrieved code: a class whose method delegates to the most
 * relevant method of the context (injected through the constructor, Spring style), or a recipe.
 * Every statement with `=` ends in `;` (the Task-06 validator's rule).
 */
export function composeJava(prompt: RagPrompt): string {
  const intent = detectIntent(prompt.request);
  const analysis = analyse(prompt.contexts);
  const method = camelCase(intent.nameWords);
  const className = pascalCase([...intent.nameWords, 'helper']);
  const ranked = [...analysis.methods].sort((a, b) => relevance(b.name, intent) + relevance(b.className, intent) - relevance(a.name, intent) - relevance(a.className, intent) || a.order - b.order);
  const best = ranked[0];
  const header = [`// Generated by the rag-validate reference LLM for: ${commentText(prompt.request)}`];
  const used = prompt.contexts.filter((c) => c.language === undefined || c.language === 'java').slice(0, 3);
  if (used.length > 0) header.push(`// Context used: ${used.map((c) => c.filePath ?? c.name ?? '(snippet)').join(', ').slice(0, 300)}`);
  const comment = best === undefined ? '' : ` Same approach as ${best.className}.${best.name}.`;
  const fromRecipe = recipe(intent, className, method, comment);
  let imports: string[];
  let body: string;
  if (fromRecipe !== undefined) {
    imports = fromRecipe.imports;
    body = fromRecipe.body;
  } else if (best !== undefined) {
    const field = camelCase([best.className.charAt(0).toLowerCase() + best.className.slice(1)]);
    const params = cleanParams(best.params);
    const args = best.params.length === 0 ? '' : argumentNames(best.params).join(', ');
    const call = best.isStatic ? `${best.className}.${best.name}(${args})` : `${field}.${best.name}(${args})`;
    const returns = best.returnType === 'void' ? `        ${call};` : `        return ${call};`;
    const delegateName = method === best.name ? `${method}Delegated` : method;
    imports = [...analysis.imports.filter((l) => !/\.\*;$/.test(l)).slice(0, 12), ...(best.qualifiedClass === undefined ? [] : [`import ${best.qualifiedClass};`])];
    const constants = analysis.constants.slice(0, 5).map((c) => `    ${c}`);
    const lines = [`public class ${className} {`];
    if (constants.length > 0) lines.push(...constants, '');
    if (!best.isStatic) {
      lines.push(`    private final ${best.className} ${field};`, '', `    public ${className}(${best.className} ${field}) {`, `        this.${field} = ${field};`, '    }', '');
    }
    lines.push(`    /** ${commentText(prompt.request, 120)} — uses ${best.className}.${best.name}. */`, `    public ${best.returnType} ${delegateName}(${params}) {`, returns, '    }', '}');
    body = lines.join('\n');
  } else {
    imports = [];
    body = [`public class ${className} {`, `    /** ${commentText(prompt.request, 120)} */`, `    public static String ${method}(String input) {`, '        if (input == null) {', '            throw new IllegalArgumentException("input must not be null");', '        }', '        return input.trim();', '    }', '}'].join('\n');
  }
  const sections = [header.join('\n')];
  const uniqueImports = [...new Set(imports)];
  if (uniqueImports.length > 0) sections.push(uniqueImports.join('\n'));
  sections.push(body);
  return `${sections.join('\n\n')}\n`;
}
