/** The Lead Desk tree as tests walk it: every node, depth first. */
import type { WorkNode } from '../../../src/work/nodes';

/** `nodes` and all their descendants, each node before its children. */
export const flatten = (nodes: readonly WorkNode[]): WorkNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
