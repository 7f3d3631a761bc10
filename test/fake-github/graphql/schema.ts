// GitHub's published GraphQL schema (`@octokit/graphql-schema`), built once per process.
// The package is ESM-only and reads its files through `import.meta.url`, which a CommonJS bundle
// does not have; so the SDL is read from node_modules on disk, found from this bundle's folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type DefinitionNode, type DocumentNode, type FieldDefinitionNode, type GraphQLSchema, Kind, type TypeNode, buildASTSchema, parse } from 'graphql';

const SDL_PATH = path.join('node_modules', '@octokit', 'graphql-schema', 'schema.graphql');

/** The SDL file: looked up from the bundle's folder (dist/test/…) and the working directory. */
export function schemaSdlPath(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, SDL_PATH);
      if (fs.existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`fake-github: ${SDL_PATH} not found above ${__dirname} or ${process.cwd()}`);
}

export function readSchemaSdl(): string {
  return fs.readFileSync(schemaSdlPath(), 'utf8');
}

export interface DroppedField {
  type: string;
  field: string;
}

/**
 * The SDL of 15.26.1 defines `EnterpriseOwnerInfo.repositoryDeployKeySetting` and
 * `…Organizations` twice, which `buildSchema` rejects. Keep the first definition of every field.
 */
export function dropRepeatedFields(doc: DocumentNode): { doc: DocumentNode; dropped: DroppedField[] } {
  const dropped: DroppedField[] = [];
  const definitions = doc.definitions.map((def): DefinitionNode => {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) return def;
    const seen = new Set<string>();
    const fields: FieldDefinitionNode[] = [];
    for (const f of def.fields ?? []) {
      if (seen.has(f.name.value)) dropped.push({ type: def.name.value, field: f.name.value });
      else { seen.add(f.name.value); fields.push(f); }
    }
    return fields.length === (def.fields ?? []).length ? def : { ...def, fields };
  });
  return { doc: { ...doc, definitions }, dropped };
}

export interface GitHubSchema {
  schema: GraphQLSchema;
  /** Milliseconds it took to read, parse and build (once per process and field list). */
  buildMs: number;
  dropped: DroppedField[];
}

let parsed: { doc: DocumentNode; dropped: DroppedField[]; ms: number } | undefined;
const built = new Map<string, GitHubSchema>();

/** The named type under lists and non-nulls. */
const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

/**
 * Remove `Type.field` definitions, and whole types (`RemovedFromMergeQueueEvent`: the type, its
 * place in unions, the fields that return it, and its `REMOVED_FROM_MERGE_QUEUE_EVENT` enum
 * values), to play an older GitHub Enterprise Server that lacks them.
 */
function withoutFields(doc: DocumentNode, omit: readonly string[]): DocumentNode {
  if (omit.length === 0) return doc;
  const gone = new Set(omit);
  const types = new Set(omit.filter((o) => !o.includes('.')));
  const enumValues = new Set([...types].map((t) => t.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()));
  return {
    ...doc,
    definitions: doc.definitions.filter((def) => !('name' in def && def.name !== undefined && types.has(def.name.value))).map((def): DefinitionNode => {
      if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        return { ...def, fields: (def.fields ?? []).filter((f) => !gone.has(`${def.name.value}.${f.name.value}`) && !types.has(namedType(f.type))) };
      }
      if (types.size > 0 && def.kind === Kind.UNION_TYPE_DEFINITION) return { ...def, types: (def.types ?? []).filter((t) => !types.has(t.name.value)) };
      if (types.size > 0 && def.kind === Kind.ENUM_TYPE_DEFINITION) return { ...def, values: (def.values ?? []).filter((v) => !enumValues.has(v.name.value)) };
      return def;
    }),
  };
}

/**
 * The executable schema (resolvers are attached by the endpoint), built once per process.
 * `omitFields` (`['PullRequest.latestReviews']`) builds a variant without those fields, so a query
 * using them fails validation with `undefinedField`, as on an older GHES release; a bare type name
 * (`'AddedToMergeQueueEvent'`) takes the whole type out (`undefinedType`, and its enum values).
 */
export function githubSchema(omitFields: readonly string[] = []): GitHubSchema {
  const key = [...omitFields].sort().join(',');
  let hit = built.get(key);
  if (!hit) {
    const started = performance.now();
    if (!parsed) {
      const { doc, dropped } = dropRepeatedFields(parse(readSchemaSdl(), { noLocation: true }));
      parsed = { doc, dropped, ms: performance.now() - started };
    }
    const buildStarted = performance.now();
    // The SDL is GitHub's own; validating it again would double the build time for nothing.
    const schema = buildASTSchema(withoutFields(parsed.doc, omitFields), { assumeValidSDL: true });
    // The first build reports read + parse + build; variants only their own build.
    hit = { schema, buildMs: built.size === 0 ? performance.now() - started : performance.now() - buildStarted, dropped: parsed.dropped };
    built.set(key, hit);
  }
  return hit;
}
