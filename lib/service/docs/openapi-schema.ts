import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The parts of an OpenAPI 3.1 document the reference page reads; everything else is ignored. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
}

export interface FieldRow {
  name: string;
  schema: SchemaObject;
  required: boolean;
}

const MAX_DEPTH = 4;

/** `#/components/schemas/InstalledApp` → `InstalledApp`. */
export function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

export function schemaAnchor(name: string): string {
  return `schema-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

const literal = (value: unknown) => html`<code>${JSON.stringify(value)}</code>`;

function joined(parts: Html[], separator: string): Html {
  return html`${parts.map((part, index) => (index === 0 ? part : html`${separator}${part}`))}`;
}

function variants(schema: SchemaObject): SchemaObject[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

/** A schema's type in one line, with a link for every named schema it refers to. */
export function typeText(schema: SchemaObject | undefined, depth = 0): Html {
  if (!schema) return html`any`;
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return html`<a href="#${schemaAnchor(name)}">${name}</a>`;
  }
  if (depth > MAX_DEPTH) return html`…`;
  const options = variants(schema);
  if (options)
    return joined(
      options.map((option) => typeText(option, depth + 1)),
      ' | ',
    );
  if (schema.allOf)
    return joined(
      schema.allOf.map((part) => typeText(part, depth + 1)),
      ' & ',
    );
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return joined(schema.enum.map(literal), ' | ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return html`any`;
  return joined(
    types.map((type) => {
      if (type === 'array') return html`${typeText(schema.items, depth + 1)}[]`;
      if (type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return html`map of ${typeText(schema.additionalProperties, depth + 1)}`;
      }
      return schema.format ? html`${type} (${schema.format})` : html`${type}`;
    }),
    ' | ',
  );
}

/** Limits a value must keep: length, range, pattern, default. */
export function constraintsText(schema: SchemaObject): string {
  const parts: string[] = [];
  if (schema.minLength !== undefined && schema.minLength === schema.maxLength) parts.push(`length ${schema.minLength}`);
  else if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    parts.push(`length ${schema.minLength ?? 0}–${schema.maxLength ?? '∞'}`);
  }
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    parts.push(`range ${schema.minimum ?? '−∞'}–${schema.maximum ?? '∞'}`);
  }
  if (schema.minItems !== undefined || schema.maxItems !== undefined) {
    parts.push(`items ${schema.minItems ?? 0}–${schema.maxItems ?? '∞'}`);
  }
  if (schema.pattern) parts.push(`pattern ${schema.pattern}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(' · ');
}

function isInlineObject(schema: SchemaObject | undefined): schema is SchemaObject & {
  properties: Record<string, SchemaObject>;
} {
  return Boolean(schema && !schema.$ref && schema.properties);
}

/**
 * The fields of an inline object schema, one row each, nested objects and arrays of objects
 * spelled out with dotted names (`token.last4`, `errors[].path`). Named schemas stay links.
 */
export function fieldRows(schema: SchemaObject, prefix = '', depth = 0): FieldRow[] {
  if (!isInlineObject(schema) || depth > MAX_DEPTH) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const row: FieldRow = { name, schema: property, required: required.has(key) };
    if (isInlineObject(property)) return [row, ...fieldRows(property, `${name}.`, depth + 1)];
    if (property.items && isInlineObject(property.items)) {
      return [row, ...fieldRows(property.items, `${name}[].`, depth + 1)];
    }
    return [row];
  });
}

/** A table of an object's fields, or its type in words when it is not an inline object. */
export function schemaFields(schema: SchemaObject | undefined): Html {
  if (!schema) return html`<p class="tl-muted">No body.</p>`;
  if (!isInlineObject(schema)) {
    const options = variants(schema);
    if (options?.every(isInlineObject)) {
      return html`<p>One of:</p>
        <ol class="docs-variants">
          ${options.map((option) => html`<li>${schemaFields(option)}</li>`)}
        </ol>`;
    }
    return html`<p>${typeText(schema)}</p>`;
  }
  const rows = fieldRows(schema);
  if (rows.length === 0) return html`<p class="tl-muted">An empty object.</p>`;
  return html`<table class="docs-table">
    <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Notes</th></tr></thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr>
          <td><code>${row.name}</code></td>
          <td>${typeText(row.schema)}</td>
          <td>${row.required ? 'yes' : 'no'}</td>
          <td>${row.schema.description ?? ''}${row.schema.description && constraintsText(row.schema) ? ' — ' : ''}${constraintsText(row.schema)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
