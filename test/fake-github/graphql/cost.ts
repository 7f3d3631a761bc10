// GitHub's GraphQL resource limits, computed from the document before it runs:
// https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
// - point cost: one request per connection, times how many parents it runs under (the product
//   of the enclosing connections' `first`/`last`), summed, ÷ 100, rounded, at least 1;
// - `first`/`last` must be 1..100 on every connection that returns nodes or edges;
// - at most 500,000 nodes in total (each connection contributes parents × `first`/`last`).
import {
  type FieldNode, type FragmentDefinitionNode, GraphQLError, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, Kind, getNamedType, isInterfaceType, isObjectType, valueFromAST,
} from 'graphql';

export const MAX_PAGE = 100;
export const MAX_NODES = 500_000;

export interface QueryCost {
  /** Connection requests, before dividing by 100. */
  requests: number;
  /** Points charged: `max(1, round(requests / 100))`. */
  cost: number;
  nodeCount: number;
  errors: GraphQLError[];
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  /** Nodes counted so far in document order: the limit error names the connection that crosses it. */
  nodes: number;
}

interface Tally {
  requests: number;
  nodes: number;
}

const responseKey = (f: FieldNode): string => f.alias?.value ?? f.name.value;

/**
 * Fields of a selection set grouped by type condition: `null` holds the fields every object gets;
 * `... on PullRequest { … }` goes into its own group. A node is only one type, so the cost of a
 * union/interface selection is the common fields plus the most expensive type-specific group.
 */
function groupFields(w: Walk, set: SelectionSetNode, parent: GraphQLNamedType, key: string | null, into: Map<string | null, Map<string, FieldNode[]>>): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const group = into.get(key) ?? new Map<string, FieldNode[]>();
      into.set(key, group);
      const k = responseKey(sel);
      group.set(k, [...(group.get(k) ?? []), sel]);
      continue;
    }
    const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : w.fragments[sel.name.value];
    if (!frag) continue;
    const cond = frag.typeCondition?.name.value;
    const next = cond === undefined || cond === parent.name ? key : key ?? cond;
    groupFields(w, frag.selectionSet, parent, next, into);
  }
}

function intArg(w: Walk, field: FieldNode, name: string, parentType: GraphQLNamedType): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const def = (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields()[field.name.value]?.args.find((a) => a.name === name) : undefined;
  const v: unknown = def ? valueFromAST(arg.value, def.type, w.variables) : undefined;
  return typeof v === 'number' ? v : undefined;
}

function walkSet(w: Walk, set: SelectionSetNode, parent: GraphQLNamedType, multiplier: number, path: string[]): Tally {
  const groups = new Map<string | null, Map<string, FieldNode[]>>();
  groupFields(w, set, parent, null, groups);
  let common: Tally = { requests: 0, nodes: 0 };
  let worst: Tally = { requests: 0, nodes: 0 };
  for (const [cond, fields] of groups) {
    const type = cond === null ? parent : w.schema.getType(cond) ?? parent;
    const t: Tally = { requests: 0, nodes: 0 };
    for (const [key, nodes] of fields) {
      const sub = walkField(w, nodes, type, multiplier, [...path, key]);
      t.requests += sub.requests;
      t.nodes += sub.nodes;
    }
    if (cond === null) common = t;
    else if (t.requests > worst.requests || (t.requests === worst.requests && t.nodes > worst.nodes)) worst = t;
  }
  return { requests: common.requests + worst.requests, nodes: common.nodes + worst.nodes };
}

function walkField(w: Walk, nodes: FieldNode[], parent: GraphQLNamedType, multiplier: number, path: string[]): Tally {
  const field = nodes[0] as FieldNode;
  const def = (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
  if (!def) return { requests: 0, nodes: 0 };
  const type = getNamedType(def.type);
  const isConnection = type.name.endsWith('Connection') && def.args.some((a) => a.name === 'first');
  let childMultiplier = multiplier;
  const tally: Tally = { requests: 0, nodes: 0 };
  if (isConnection) {
    const first = intArg(w, field, 'first', parent);
    const last = intArg(w, field, 'last', parent);
    const name = field.name.value;
    for (const [argName, n] of [['first', first], ['last', last]] as const) {
      if (n !== undefined && (n < 1 || n > MAX_PAGE)) {
        const message = n > MAX_PAGE
          ? `Requesting ${n} records on the \`${name}\` connection exceeds the \`${argName}\` limit of ${MAX_PAGE} records.`
          : `\`${argName}\` on the \`${name}\` connection cannot be less than zero or zero.`;
        w.errors.push(new GraphQLError(message, { nodes: field, path, extensions: { type: 'EXCESSIVE_PAGINATION' } }));
      }
    }
    const wantsItems = nodes.some((f) => f.selectionSet?.selections.some((s) => s.kind !== Kind.FIELD || ['nodes', 'edges'].includes(s.name.value)));
    if (first === undefined && last === undefined && wantsItems) {
      w.errors.push(new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`, {
        nodes: field, path, extensions: { type: 'MISSING_PAGINATION_BOUNDARIES' },
      }));
    }
    const page = Math.max(first ?? 0, last ?? 0);
    tally.requests += multiplier;
    tally.nodes += multiplier * page;
    const before = w.nodes;
    w.nodes += multiplier * page;
    if (before <= MAX_NODES && w.nodes > MAX_NODES) {
      w.errors.push(new GraphQLError(
        `By the time this query traverses to the ${name} connection, it is requesting up to ${w.nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
        { nodes: field, path, extensions: { type: 'MAX_NODE_LIMIT_EXCEEDED' } },
      ));
    }
    childMultiplier = multiplier * page;
  }
  const merged: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: nodes.flatMap((f) => f.selectionSet?.selections ?? []) };
  if (merged.selections.length > 0) {
    const sub = walkSet(w, merged, type, childMultiplier, path);
    tally.requests += sub.requests;
    tally.nodes += sub.nodes;
  }
  return tally;
}

export function queryCost(schema: GraphQLSchema, op: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): QueryCost {
  const root = op.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const w: Walk = { schema, fragments, variables, errors: [], nodes: 0 };
  const t = root ? walkSet(w, op.selectionSet, root, 1, []) : { requests: 0, nodes: 0 };
  return { requests: t.requests, cost: Math.max(1, Math.round(t.requests / 100)), nodeCount: t.nodes, errors: w.errors };
}
