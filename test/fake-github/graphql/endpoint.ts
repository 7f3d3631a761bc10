// `POST /graphql`: parse, validate against GitHub's schema, check the resource limits, execute
// over the scenario, and answer the way GitHub does (HTTP 200 with `errors` for query problems).
import {
  type ASTNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLError as GraphQLErrorType, type GraphQLFieldResolver,
  type OperationDefinitionNode, type SelectionSetNode, GraphQLError, Kind, executeSync, getOperationAST, parse, responsePathAsArray,
  GraphQLBoolean, getVariableValues, validate, valueFromAST,
} from 'graphql';
import { type Route, type RouteRequest, type RouteResult, asRecord } from '../http-kit';
import type { RateLimiter } from '../rate-limit';
import { githubSchema } from './schema';
import { queryCost } from './cost';
import { type Resolver, typeResolvers } from './resolvers';
import { mutationFields } from './mutations';
import { teamMutationFields } from './teamResolvers';
import type { Args, GqlContext } from './sources';

/** A GitHub-shaped GraphQL error (`type` for execution/limit errors, `extensions.code` for validation). */
export interface GitHubGraphQLError {
  message: string;
  type?: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/** A partial failure to inject: the field at `path` (response keys, dotted) fails while the rest answers. */
export interface GraphQLFieldFault {
  path: string;
  message?: string;
  type?: string;
}

/** GitHub's message when part of a query times out or fails inside GitHub. */
export const PARTIAL_FAILURE_MESSAGE = 'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `FAKE:0000` when reporting this issue.';

const resolvers: Record<string, Record<string, Resolver>> = { ...typeResolvers, Mutation: { ...mutationFields, ...teamMutationFields } } as Record<string, Record<string, Resolver>>;

function fieldResolverFor(faults: GraphQLFieldFault[]): GraphQLFieldResolver<unknown, GqlContext> {
  return (src, args, ctx, info) => {
    if (faults.length > 0) {
      const here = responsePathAsArray(info.path).join('.');
      const f = faults.find((x) => x.path === here);
      if (f) throw new GraphQLError(f.message ?? PARTIAL_FAILURE_MESSAGE, f.type ? { extensions: { type: f.type } } : {});
    }
    const r = resolvers[info.parentType.name]?.[info.fieldName];
    const value = r ? r(src, args as Args, ctx)
      : src !== null && typeof src === 'object' && info.fieldName in src ? (src as Record<string, unknown>)[info.fieldName] : null;
    if (faults.length === 0 || !Array.isArray(value)) return value;
    // A list item fails by being an Error: graphql-js reports it at the item's path (`nodes.1`).
    const here = responsePathAsArray(info.path).join('.');
    return value.map((item, i) => {
      const f = faults.find((x) => x.path === `${here}.${i}`);
      return f ? new GraphQLError(f.message ?? PARTIAL_FAILURE_MESSAGE, f.type ? { extensions: { type: f.type } } : {}) : item;
    });
  };
}

const locationsOf = (e: GraphQLErrorType) => e.locations?.map((l) => ({ line: l.line, column: l.column }));

/**
 * The path graphql-ruby reports for a validation error: the operation (`query Name`), then each
 * field's response key and fragment (`... on PullRequest`) down to the offending node.
 */
function astPath(doc: DocumentNode, target: ASTNode | undefined): string[] | undefined {
  if (!target) return undefined;
  const inSet = (set: SelectionSetNode | undefined, path: string[]): string[] | undefined => {
    for (const sel of set?.selections ?? []) {
      const step = sel.kind === Kind.FIELD ? sel.alias?.value ?? sel.name.value
        : sel.kind === Kind.INLINE_FRAGMENT ? (sel.typeCondition ? `... on ${sel.typeCondition.name.value}` : '...') : `... ${sel.name.value}`;
      const here = [...path, step];
      if (sel === target || (sel.kind === Kind.INLINE_FRAGMENT && sel.typeCondition === target)) return here;
      if (sel.kind === Kind.FIELD) {
        for (const a of sel.arguments ?? []) if (a === target || a.value === target) return [...here, a.name.value];
      }
      const deeper = sel.kind === Kind.FRAGMENT_SPREAD ? undefined : inSet(sel.selectionSet, here);
      if (deeper) return deeper;
    }
    return undefined;
  };
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION && def.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const head = def.kind === Kind.OPERATION_DEFINITION ? `${def.operation}${def.name ? ` ${def.name.value}` : ''}` : `fragment ${def.name.value}`;
    if (def === target || (def.kind === Kind.FRAGMENT_DEFINITION && def.typeCondition === target)) return [head];
    if (def.kind === Kind.OPERATION_DEFINITION && def.variableDefinitions?.some((v) => v === target || v.type === target)) return [head];
    const found = inSet(def.selectionSet, [head]);
    if (found) return found;
  }
  return undefined;
}

/** graphql-js validation messages in graphql-ruby's words, with GitHub's `extensions.code`. */
function validationError(doc: DocumentNode, e: GraphQLErrorType): GitHubGraphQLError {
  const m = e.message;
  let message = m;
  let extensions: Record<string, unknown> = { code: 'validationError' };
  let r: RegExpExecArray | null;
  if ((r = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(m))) {
    message = `Field '${r[1]}' doesn't exist on type '${r[2]}'`;
    extensions = { code: 'undefinedField', typeName: r[2], fieldName: r[1] };
  } else if ((r = /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/.exec(m))) {
    message = `Field '${r[2]}' doesn't accept argument '${r[1]}'`;
    extensions = { code: 'argumentNotAccepted', name: r[2], typeName: 'Field', argumentName: r[1] };
  } else if ((r = /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required/.exec(m))) {
    message = `Field '${r[1]}' is missing required arguments: ${r[2]}`;
    extensions = { code: 'missingRequiredArguments', className: 'Field', name: r[1], arguments: r[2] };
  } else if ((r = /^Unknown type "(\w+)"/.exec(m))) {
    message = `No such type ${r[1]}, so it can't be a fragment condition`;
    extensions = { code: 'undefinedType', typeName: r[1] };
  } else if ((r = /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"/.exec(m))) {
    message = `Type mismatch on variable $${r[1]} and argument (${r[2]} / ${r[3]})`;
    extensions = { code: 'variableMismatch', variableName: r[1], typeName: r[2] };
  } else if ((r = /^Variable "\$(\w+)" is never used(?: in operation "(\w+)")?/.exec(m))) {
    message = `Variable $${r[1]} is declared by ${r[2] ?? 'anonymous query'} but not used`;
    extensions = { code: 'variableNotUsed', variableName: r[1] };
  } else if ((r = /^Variable "\$(\w+)" is not defined(?: by operation "(\w+)")?/.exec(m))) {
    message = `Variable $${r[1]} is used by ${r[2] ?? 'anonymous query'} but not declared`;
    extensions = { code: 'variableNotDefined', variableName: r[1] };
  } else if ((r = /^Fragment cannot be spread here as objects of type "(\w+)" can never be of type "(\w+)"/.exec(m))) {
    message = `Fragment on ${r[2]} can't be spread inside ${r[1]}`;
    extensions = { code: 'fragmentSpreadTypeMismatch', typeName: r[2], fragmentName: 'unknown' };
  } else if (/cannot represent|does not exist in "\w+" enum|Expected value of type/.test(m)) {
    extensions = { code: 'argumentLiteralsIncompatible' };
  } else if ((r = /^Field "(\w+)" must not have a selection since type/.exec(m))) {
    message = `Selections can't be made on scalars (field '${r[1]}' returns a scalar)`;
    extensions = { code: 'selectionMismatch', nodeName: `field '${r[1]}'` };
  } else if ((r = /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/.exec(m))) {
    message = `Field must have selections (field '${r[1]}' returns ${r[2].replace(/[[\]!]/g, '')} but has no selections. Did you mean '${r[1]} { ... }'?)`;
    extensions = { code: 'selectionMismatch', nodeName: `field '${r[1]}'`, typeName: r[2] };
  }
  const out: GitHubGraphQLError = { message, extensions };
  const path = astPath(doc, e.nodes?.[0]);
  if (path) out.path = path;
  const locations = locationsOf(e);
  if (locations) out.locations = locations;
  return out;
}

/** An execution or limit error: `type`, `path` (response keys), `locations`, `message`. */
function executionError(e: GraphQLErrorType): GitHubGraphQLError {
  // Variables that do not coerce stop the query before it runs; graphql-ruby words them so.
  const variable = /^Variable "\$(\w+)" (?:of required type "([^"]+)" was not provided|got invalid value (.*?); (.*))\.?$/s.exec(e.message);
  if (variable) {
    const out: GitHubGraphQLError = {
      message: `Variable $${variable[1]} of type ${variable[2] ?? 'the declared type'} was provided invalid value`,
      extensions: { value: variable[3] === undefined ? null : variable[3], problems: [{ path: [], explanation: variable[4] ?? 'Expected value to not be null' }] },
    };
    const locations = locationsOf(e);
    if (locations) out.locations = locations;
    return out;
  }
  const out: GitHubGraphQLError = { message: e.message };
  const type = e.extensions['type'];
  if (typeof type === 'string') out.type = type;
  if (e.path) out.path = [...e.path];
  const locations = locationsOf(e);
  if (locations) out.locations = locations;
  return out;
}

const answer = (body: Record<string, unknown>, cost = 1): RouteResult => ({ status: 200, body, cost });

/** True when the operation asks `rateLimit(dryRun: true)`: GitHub then charges nothing. */
function isDryRun(op: OperationDefinitionNode, variables: Record<string, unknown>): boolean {
  return op.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'rateLimit'
    && s.arguments?.some((a) => a.name.value === 'dryRun' && valueFromAST(a.value, GraphQLBoolean, variables) === true));
}

export interface GraphQLOptions {
  /** Fields to leave out of the schema (`Type.field`), as an older GHES would. */
  omitFields?: readonly string[];
}

export function executeGraphQL(req: RouteRequest, limiter: RateLimiter, faults: GraphQLFieldFault[] = [], opts: GraphQLOptions = {}): RouteResult {
  const { schema } = githubSchema(opts.omitFields);
  const b = asRecord(req.body);
  const query = b['query'];
  if (typeof query !== 'string' || query.trim() === '') return answer({ errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
  const variables = asRecord(b['variables']);
  const operationName = typeof b['operationName'] === 'string' ? b['operationName'] : undefined;

  let doc: DocumentNode;
  try {
    doc = parse(query);
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    return answer({ errors: [{ message: e.message, locations: locationsOf(e) ?? [] }] });
  }
  const invalid = validate(schema, doc);
  if (invalid.length > 0) return answer({ errors: invalid.map((e) => validationError(doc, e)) });
  const op = getOperationAST(doc, operationName);
  if (!op) return answer({ errors: [{ message: operationName ? `No operation named "${operationName}"` : 'An operation name is required' }] });

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], variables, { maxErrors: 50 });
  if (coerced.errors) return answer({ errors: coerced.errors.map(executionError) });
  const cost = queryCost(schema, op, fragments, coerced.coerced);
  if (cost.errors.length > 0) return answer({ errors: cost.errors.map(executionError) });

  const dryRun = isDryRun(op, coerced.coerced);
  const charge = dryRun ? 0 : cost.cost;
  const before = limiter.state('graphql');
  if (charge > before.remaining) {
    const me = req.ctx.scenario.users.find((u) => u.login === req.ctx.scenario.me)?.id ?? 1;
    return answer({ errors: [{ type: 'RATE_LIMITED', code: 'graphql_rate_limit', message: `API rate limit already exceeded for user ID ${me}.` }] }, 0);
  }
  const ctx: GqlContext = {
    s: req.ctx.scenario, web: req.ctx.web, now: req.now,
    rate: {
      cost: cost.cost, nodeCount: cost.nodeCount, limit: before.limit,
      remaining: before.remaining - charge, used: before.used + charge, resetAt: new Date(before.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
  const result = executeSync({
    schema, document: doc, variableValues: variables, contextValue: ctx, fieldResolver: fieldResolverFor(faults),
    ...(operationName ? { operationName } : {}),
  });
  const body: Record<string, unknown> = {};
  if (result.errors?.length) body['errors'] = result.errors.map(executionError);
  if ('data' in result) body['data'] = result.data ?? null;
  // Variables that fail to coerce stop execution before `data`: GitHub reports them like validation.
  return answer(body, charge);
}

export function graphqlRoute(limiter: RateLimiter, opts: GraphQLOptions = {}): Route {
  return { method: 'POST', template: '/graphql', resource: 'graphql', handle: (req) => executeGraphQL(req, limiter, req.fault?.graphqlErrors ?? [], opts) };
}
