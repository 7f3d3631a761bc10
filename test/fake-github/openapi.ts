// Validates fake-GitHub responses against GitHub's published OpenAPI description, so the fake
// cannot drift from the shapes the real API returns.
import * as fs from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
}

const SPEC_MODULE = '@octokit/openapi/generated/api.github.com.deref.json';

// The dereferenced spec is ~70 MB: parse it once per process, and only when first needed.
let doc: OpenApiDoc | undefined;
function spec(): OpenApiDoc {
  // Resolve from the working directory too: test bundles may be written outside the repo (/tmp).
  doc ??= JSON.parse(fs.readFileSync(require.resolve(SPEC_MODULE, { paths: [__dirname, process.cwd()] }), 'utf8')) as OpenApiDoc;
  return doc;
}

let ajv: Ajv | undefined;
function validator(): Ajv {
  if (!ajv) {
    // strict:false — the spec carries OpenAPI-only keywords (example, discriminator, x-github-…).
    ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    addFormats(ajv);
  }
  return ajv;
}

/**
 * OpenAPI 3.0 `nullable: true` is not JSON Schema: rewrite it to a `null`-admitting schema.
 * Returns a new tree; the parsed spec is left untouched.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'description') continue;
    // `properties` maps names to schemas; its keys must not be mistaken for keywords.
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (node['nullable'] !== true) return out;
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

const compiled = new Map<string, ValidateFunction | null>();

/** The response schema for an operation, or undefined when the spec has none. */
function schemaFor(method: string, pathTemplate: string, status: number): Schema | undefined {
  const op = spec().paths[pathTemplate]?.[method.toLowerCase()];
  if (!op) throw new Error(`No OpenAPI operation for ${method.toUpperCase()} ${pathTemplate}`);
  const response = op.responses?.[String(status)];
  if (!response) throw new Error(`OpenAPI ${method.toUpperCase()} ${pathTemplate} documents no ${status} response`);
  return response.content?.['application/json']?.schema;
}

/** True when the spec documents this operation (method + path template as written in the spec). */
export function hasOperation(method: string, pathTemplate: string): boolean {
  return Boolean(spec().paths[pathTemplate]?.[method.toLowerCase()]);
}

/**
 * Validate a response body against the spec's schema for (method, pathTemplate, status).
 * Returns human-readable errors; empty means valid. A status whose response has no JSON body
 * (204, 205) is valid only with an empty body.
 */
export function validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[] {
  const key = `${method.toUpperCase()} ${pathTemplate} ${status}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    const schema = schemaFor(method, pathTemplate, status);
    validate = schema ? validator().compile(toJsonSchema(schema) as object) : null;
    compiled.set(key, validate);
  }
  if (validate === null) {
    return body === undefined || body === null || body === '' ? [] : [`${key}: expected no body`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The first sub-schema titled `title` inside a response schema (depth-first). */
function findTitled(node: unknown, title: string): Schema | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (!Array.isArray(node) && (node as Schema)['title'] === title) return node as Schema;
  for (const child of Object.values(node)) {
    const hit = findTitled(child, title);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Validate `value` against the sub-schema titled `title` of an operation's response — for
 * lists of mixed kinds (the issue timeline is an `anyOf` so loose that almost anything passes).
 */
export function validateVariant(method: string, pathTemplate: string, status: number, title: string, value: unknown): string[] {
  const key = `${method.toUpperCase()} ${pathTemplate} ${status} «${title}»`;
  let validate = compiled.get(key);
  if (!validate) {
    const sub = findTitled(schemaFor(method, pathTemplate, status), title);
    if (!sub) throw new Error(`No schema titled "${title}" in ${key}`);
    validate = validator().compile(toJsonSchema(sub) as object);
    compiled.set(key, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
