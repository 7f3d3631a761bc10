/**
 * The decisions of the inbox (src/core/itemDecisions.ts), made once per snapshot: the tree draws
 * them, the queue's rows show them, and the palette's Nudge…, Merge…, Request Review from… and
 * Hand This Review to… pick from them. Between refreshes one `now` holds, so a snooze, a nudge or a merge decides
 * again only the item it changed; a refresh (a new "as of"), a settings change, or five minutes
 * decide everything again at a new `now`.
 */
import type { Config } from '../config';
import { decideWork, decisionContext, stillHolds, type DecisionContext, type ItemDecision, type Remembered, type WorkDecisions } from '../core/itemDecisions';
import type { PendingReview } from '../core/reviews';
import type { DelegatedIssue, OwnPullRequest } from '../github/api';
import type { LeadDeskSettings } from '../settings';
import type { NudgeLog } from './nudgeLog';
import type { DelegatedTask } from './taskRepository';
import type { InboxSnapshot } from './inboxSnapshot';

/** What the decisions read of the inbox (the inbox service owns them: see `InboxService.decisions`). */
export interface DecidedInbox {
  readonly snapshot: InboxSnapshot;
  handedAt(repo: string, number: number, login: string): number | undefined;
}

export type Decisions = WorkDecisions<PendingReview, OwnPullRequest, DelegatedIssue, DelegatedTask>;

/** How long one `now` serves when nothing is refreshed: the waits shown are at most this old. */
const EPOCH_MS = 5 * 60_000;

interface Epoch {
  readonly id: number;
  readonly ctx: DecisionContext;
  readonly asOf: number | null;
  readonly settings: LeadDeskSettings;
}

export class InboxDecisions {
  private epoch: Epoch | undefined;
  private made: { snapshot: InboxSnapshot; settings: LeadDeskSettings; nudges: unknown; decisions: Decisions } | undefined;
  /** Each item's decision, with the epoch it was made in. */
  private readonly kept = new WeakMap<object, { epoch: number; decision: unknown }>();

  constructor(
    private readonly model: DecidedInbox,
    private readonly config: Pick<Config, 'settings'>,
    private readonly nudges?: Pick<NudgeLog, 'all' | 'last'>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The decisions of the model's snapshot now. */
  get current(): Decisions {
    return this.decide(this.model.snapshot);
  }

  /** The decisions of `s`; a `now` decides everything again at that instant. */
  decide(s: InboxSnapshot, now?: number): Decisions {
    const settings = this.config.settings;
    const nudges = this.nudges?.all;
    const made = this.made;
    if (now === undefined && made && made.snapshot === s && made.settings === settings && made.nudges === nudges) return made.decisions;
    const at = now ?? this.clock();
    let epoch = this.epoch;
    if (now !== undefined || !epoch || epoch.settings !== settings || epoch.asOf !== s.asOf || at - epoch.ctx.now > EPOCH_MS || at < epoch.ctx.now) {
      epoch = this.epoch = {
        id: (epoch?.id ?? 0) + 1, asOf: s.asOf, settings,
        ctx: decisionContext(at, settings, { lastNudgeAt: (repo, number) => this.nudges?.last(repo, number)?.at, handedAt: (repo, number, login) => this.model.handedAt(repo, number, login) }),
      };
    }
    const { id, ctx } = epoch;
    const remember: Remembered = (item, decide) => {
      const kept = this.kept.get(item);
      if (kept && kept.epoch === id && stillHolds(kept.decision as ItemDecision | null, ctx)) return kept.decision as ReturnType<typeof decide>;
      const decision = decide(item);
      this.kept.set(item, { epoch: id, decision });
      return decision;
    };
    const decisions = decideWork({ ...s, teamMembers: settings.teamMembers }, ctx, remember);
    this.made = { snapshot: s, settings, nudges, decisions };
    return decisions;
  }
}
