import { html } from 'hono/html';
import { layout } from '../pages/layout';
import { type SchemaObject, schemaAnchor, schemaFields, typeText } from './openapi-schema';

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
}

interface MediaTypes {
  content?: Record<string, { schema?: SchemaObject }>;
}

interface OperationObject {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: MediaTypes & { required?: boolean; description?: string };
  responses?: Record<string, MediaTypes & { description?: string }>;
}

export interface OpenApiDocument {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

interface Operation {
  method: string;
  path: string;
  op: OperationObject;
  anchor: string;
  methodId: string | undefined;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

/** Every operation of the document, in the document's path order. */
function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] && typeof item[method] === 'object').map((method) => {
      const op = item[method] as OperationObject;
      return {
        method,
        path,
        op,
        anchor: `op-${method}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
        // Summaries end with the method id in brackets: "… [siteApps.setLicense]".
        methodId: op.summary?.match(/\[([^\]]+)\]\s*$/)?.[1],
      };
    }),
  );
}

function groupByTag(operations: Operation[]): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const operation of operations) {
    const tag = operation.op.tags?.[0] ?? 'Other';
    groups.set(tag, [...(groups.get(tag) ?? []), operation]);
  }
  return groups;
}

const methodBadge = (method: string) =>
  html`<span class="docs-method docs-method-${method}">${method.toUpperCase()}</span>`;

function parametersSection(parameters: ParameterObject[] | undefined) {
  if (!parameters?.length) return '';
  return html`<h4>Parameters</h4>
    <table class="docs-table">
      <thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Notes</th></tr></thead>
      <tbody>
        ${parameters.map(
          (parameter) => html`<tr>
            <td><code>${parameter.name}</code></td>
            <td>${parameter.in}</td>
            <td>${typeText(parameter.schema)}</td>
            <td>${parameter.required ? 'yes' : 'no'}</td>
            <td>${parameter.description ?? ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

function requestBodySection(body: OperationObject['requestBody']) {
  if (!body?.content) return '';
  return html`<h4>Request body${body.required ? '' : ' (optional)'}</h4>
    ${body.description ? html`<p>${body.description}</p>` : ''}
    ${Object.entries(body.content).map(
      ([
        type,
        media,
      ]) => html`<p class="docs-content-type"><code>${type}</code>${media.schema?.$ref ? html` — ${typeText(media.schema)}` : ''}</p>
        ${media.schema?.$ref ? '' : schemaFields(media.schema)}`,
    )}`;
}

function responsesSection(responses: OperationObject['responses']) {
  if (!responses) return '';
  return html`<h4>Responses</h4>
    <table class="docs-table">
      <thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col">Body</th></tr></thead>
      <tbody>
        ${Object.entries(responses).map(
          ([status, response]) => html`<tr>
            <td><span class="docs-status docs-status-${status.slice(0, 1)}xx">${status}</span></td>
            <td>${response.description ?? ''}</td>
            <td>${
              response.content
                ? Object.entries(response.content).map(
                    ([type, media]) => html`<div><code>${type}</code> ${typeText(media.schema)}</div>`,
                  )
                : html`<span class="tl-muted">none</span>`
            }</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

function operationSection(operation: Operation) {
  const { op } = operation;
  return html`<section class="docs-operation" id="${operation.anchor}" aria-labelledby="${operation.anchor}-title">
    <h3 id="${operation.anchor}-title">${methodBadge(operation.method)} <code>${operation.path}</code></h3>
    <p class="docs-summary">${op.summary ?? ''}</p>
    ${operation.methodId ? html`<p class="tl-muted">API method id: <code class="docs-method-id">${operation.methodId}</code></p>` : ''}
    ${op.description ? html`<p>${op.description}</p>` : ''}
    ${parametersSection(op.parameters)}
    ${requestBodySection(op.requestBody)}
    ${responsesSection(op.responses)}
  </section>`;
}

function schemasSection(schemas: Record<string, SchemaObject>) {
  const names = Object.keys(schemas);
  if (names.length === 0) return '';
  return html`<section aria-labelledby="docs-schemas">
    <h2 id="docs-schemas">Schemas</h2>
    ${names.map(
      (
        name,
      ) => html`<section class="docs-schema" id="${schemaAnchor(name)}" aria-labelledby="${schemaAnchor(name)}-title">
        <h3 id="${schemaAnchor(name)}-title"><code>${name}</code></h3>
        ${schemas[name]?.description ? html`<p>${schemas[name]?.description}</p>` : ''}
        ${schemaFields(schemas[name])}
      </section>`,
    )}
  </section>`;
}

/** The API reference page, rendered on the service from its own OpenAPI document: no scripts, no CDN. */
export function apiReferencePage(doc: OpenApiDocument) {
  const operations = operationsOf(doc);
  const groups = groupByTag(operations);
  const info = doc.info ?? {};
  return layout(
    'API reference',
    html`<div class="docs-page">
      <header class="tl-header"><span><a href="/">Sites</a> › API reference</span></header>
      <main>
        <h1>${info.title ?? 'API reference'} <span class="tl-muted">${info.version ? `v${info.version}` : ''}</span></h1>
        ${info.description ? html`<p>${info.description}</p>` : ''}
        <p>
          Every endpoint below takes and answers JSON; errors are <code>application/problem+json</code> with a stable
          <code>code</code>. Send a session or personal access token as <code>Authorization: Bearer &lt;token&gt;</code>.
          The machine-readable document is at <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>.
        </p>
        <p>
          Outside <code>/api/v1</code>: <code>GET /healthz</code> (liveness), <code>GET /docs</code> (this page),
          <a href="/"><code>GET /</code></a> (the emulated sites, after signing in) and
          <code>GET /sites/{host}/plugins/servlet/upm</code> (a site's reference Manage apps page).
        </p>
        <nav class="docs-toc" aria-labelledby="docs-toc-title">
          <h2 id="docs-toc-title">Endpoints</h2>
          ${[...groups].map(
            ([tag, members]) => html`<h3>${tag}</h3>
              <ul>
                ${members.map(
                  (
                    operation,
                  ) => html`<li><a href="#${operation.anchor}">${methodBadge(operation.method)} <code>${operation.path}</code></a>
                    ${operation.methodId ? html`<span class="tl-muted">[${operation.methodId}]</span>` : ''}</li>`,
                )}
              </ul>`,
          )}
        </nav>
        ${[...groups].map(
          ([tag, members]) => html`<section class="docs-group" aria-label="${tag}">
            <h2>${tag}</h2>
            ${members.map(operationSection)}
          </section>`,
        )}
        ${schemasSection(doc.components?.schemas ?? {})}
      </main>
    </div>`,
    { stylesheet: '/assets/docs.css' },
  );
}
