import { randomUUID } from 'node:crypto';
import { HttpProblem } from '../../http/http-problem.js';
import type { ServiceApp } from '../../http/service-app.js';
import { naiveIsoNow, type RagContext } from '../rag-context.js';
import { promptTemplateBody, renderPromptBody, templateParams } from '../rag-schemas.js';
import { renderTemplate } from '../template-store.js';

/** Prompt templates that persist (unlike the contract's), and rendering. */
export function registerPromptRoutes(service: ServiceApp, ctx: RagContext): void {
  const { templates } = ctx;
  const notFound = (name: string) => new HttpProblem(404, `Template not found: ${name} (템플릿을 찾을 수 없습니다)`);

  service.route({
    method: 'POST',
    url: '/api/v1/prompts/generate',
    summary: 'Render a template with parameters',
    tags: ['prompts'],
    body: renderPromptBody,
    handler: ({ body }) => {
      const template = templates.resolve(body.template_name);
      if (template === undefined) throw notFound(body.template_name);
      const language = body.language ?? (body.template_name.includes('_') ? body.template_name.split('_')[0] : 'general');
      const parameters = { language, ...body.parameters };
      return { rendered_prompt: renderTemplate(template.template, parameters), template_used: template.name, version: template.version, parameters };
    },
  });
  service.route({
    method: 'POST',
    url: '/api/v1/prompts/templates',
    summary: 'Create a template (persisted)',
    tags: ['prompts'],
    body: promptTemplateBody,
    successStatus: 201,
    handler: ({ body }) => {
      const now = naiveIsoNow();
      const record = { id: body.id ?? randomUUID(), name: body.name, category: body.category, language: body.language, template: body.template, description: body.description ?? null, version: body.version ?? 1, is_active: body.is_active, created_at: now, updated_at: now };
      if (!templates.create(record)) throw new HttpProblem(409, `Template already exists: ${body.name}; use PUT /api/v1/prompts/templates/${body.name} to change it`);
      return record;
    },
  });
  service.route({ method: 'GET', url: '/api/v1/prompts/templates', summary: 'List stored templates', tags: ['prompts'], handler: () => templates.list() });
  service.route({
    method: 'GET',
    url: '/api/v1/prompts/templates/:name',
    summary: 'Get a template (stored, else built-in)',
    tags: ['prompts'],
    params: templateParams,
    handler: ({ params }) => templates.resolve(params.name) ?? (() => { throw notFound(params.name); })(),
  });
  service.route({
    method: 'PUT',
    url: '/api/v1/prompts/templates/:name',
    summary: 'Replace a stored template (version + 1)',
    tags: ['prompts'],
    params: templateParams,
    body: promptTemplateBody,
    handler: ({ params, body }) => {
      const current = templates.get(params.name);
      if (current === undefined) throw notFound(params.name);
      if (body.name !== params.name) throw new HttpProblem(400, `The body names "${body.name}" but the URL names "${params.name}"; renaming is not supported`);
      const record = { ...current, category: body.category, language: body.language, template: body.template, description: body.description ?? current.description, is_active: body.is_active, version: current.version + 1, updated_at: naiveIsoNow() };
      templates.replace(record);
      return record;
    },
  });
  service.route({
    method: 'DELETE',
    url: '/api/v1/prompts/templates/:name',
    summary: 'Delete a stored template',
    tags: ['prompts'],
    params: templateParams,
    handler: ({ params }) => {
      if (!templates.delete(params.name)) throw notFound(params.name);
      return { deleted: true, name: params.name };
    },
  });
}
