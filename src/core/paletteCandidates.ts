/**
 * What the command palette offers for each action: picked from the same decisions the tree draws
 * (core/itemDecisions.ts), so a pick exists exactly where a tree item offers the action.
 */
import type { NudgeTarget } from './nudges';
import type { PendingReview } from './reviews';
import type { ItemAction, ItemDecision, OwnPullItem, WorkDecisions } from './itemDecisions';

/** The actions with a palette picker, each with the command id's package.json name. */
export const PALETTE_ACTIONS = ['nudge', 'merge', 'requestReview', 'handReview'] as const satisfies readonly ItemAction[];
export type PaletteAction = (typeof PALETTE_ACTIONS)[number];

/** Every decision that becomes a tree node (the team's only while the team group shows). */
export function allDecisions(d: WorkDecisions): ItemDecision[] {
  return [...d.reviews, ...d.own, ...d.issues, ...d.tasks, ...d.team.flatMap((m) => m.reviews)];
}

/**
 * What the palette offers for each action: exactly the tree's items that offer it. Nudge… is
 * longest wait first; the others keep the inbox's order.
 */
export const paletteCandidates = {
  nudge: (d: WorkDecisions): NudgeTarget[] => allDecisions(d)
    .flatMap((x) => (x.kind === 'own' || x.kind === 'teamReview' ? (x.nudge ? [x.nudge] : []) : x.kind !== 'review' && x.nudgeable && x.followUp ? [x.followUp] : []))
    .sort((a, b) => b.waitedMs - a.waitedMs),
  merge: <P extends OwnPullItem>(d: WorkDecisions<PendingReview, P>): P[] => d.own.filter((o) => o.mergeable).map((o) => o.item),
  requestReview: <P extends OwnPullItem>(d: WorkDecisions<PendingReview, P>): P[] => d.own.map((o) => o.item),
  handReview: <R extends PendingReview>(d: WorkDecisions<R>): R[] => d.reviews.filter((r) => r.handable).map((r) => r.item),
} satisfies Record<PaletteAction, (d: WorkDecisions) => unknown[]>;
