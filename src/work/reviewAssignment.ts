/**
 * "Request Review from…" (on the lead's own PRs, or from the palette) and "Hand This Review to…"
 * (on a pending review): a quick pick of teammates — fewest reviews waiting first, ties by the
 * fastest median review pickup (core/reviewerRanking.ts) — then the review
 * request on GitHub, one write at a time. The tree follows GitHub's answers without a refresh.
 * `{ reviewer }` can come as the second argument (instead of the pick); the confirmation cannot:
 * only the lead answers it (`confirmModal`). A request for a reviewer the lead did not pick is
 * confirmed too, so no other extension can ask a teammate in the lead's name. A write whose answer
 * was lost is read back.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import type { PendingReview } from '../core/reviews';
import type { PersonTurnaround } from '../core/reviewTurnaround';
import { loadCountsText, teamLoad, type MemberLoad, type MemberReview } from '../core/teamLoad';
import { isBotOrAgent, peopleOnly } from '../core/aiReviews';
import { formatDuration } from '../core/timeline';
import type { GitHubConnection } from '../github/api';
import { lostAnswer, UnconfirmedWrite, type GitHubFailure } from '../github/api';
import type { OwnPullRequest } from '../github/api';
import { Commands, Settings, settingId } from '../ids';
import { confirmModal } from '../util/confirm';
import { describeForNotification, describeError, notificationSafe } from '../util/errors';
import { paletteCandidates } from '../core/paletteCandidates';
import { compareReviewers } from '../core/reviewerRanking';
import type { TeamTurnaround } from '../turnaround/turnaroundService';
import { pickerPickup } from '../turnaround/turnaroundText';
import { pickPull } from './pullPick';
import type { InboxService as WorkModel } from '../inbox/inboxService';
import type { InboxDecisions } from '../inbox/inboxDecisions';

/** What a caller may pass instead of answering the pick; never the confirmation. */
export interface AssignmentOptions {
  readonly reviewer?: string;
}

/** What a command did, in the words it showed. */
export interface AssignmentOutcome {
  readonly ok: boolean;
  readonly message: string;
}

type PullRef = { readonly repo: string; readonly number: number; readonly title?: string; readonly url?: string; readonly draft?: boolean; readonly createdAt?: number };

const isPullRef = (v: unknown): v is PullRef => typeof v === 'object' && v !== null
  && typeof (v as PullRef).repo === 'string' && /^[\w.-]+\/[\w.-]+$/.test((v as PullRef).repo) && Number.isInteger((v as PullRef).number);

/** `{repo, number, …}`, a node with `.pullRequest` (own PRs) or `.review` (pending reviews). */
function pullFrom(arg: unknown, key: 'pullRequest' | 'review'): PullRef | undefined {
  if (typeof arg === 'object' && arg !== null && isPullRef((arg as Record<string, unknown>)[key])) return (arg as Record<string, PullRef>)[key];
  return isPullRef(arg) ? arg : undefined;
}

interface Candidate { readonly login: string; readonly load: MemberLoad | undefined; readonly pickup?: PersonTurnaround; readonly blocked?: string }

export function registerReviewAssignment(deps: {
  config: Config; model: WorkModel; github: GitHubConnection;
  /** What the palette picks from: the tree's own PRs and pending reviews. */
  decisions: Pick<InboxDecisions, 'current'>;
  /** Each teammate's review turnaround: read (at most once a day) when the pick opens. */
  turnaround?: Pick<TeamTurnaround, 'of' | 'ensure'>;
}): vscode.Disposable {
  const { config, model, github, decisions, turnaround } = deps;

  const say = (ok: boolean, message: string): AssignmentOutcome => {
    const text = notificationSafe(vscode.l10n.t('Lead Desk: {0}', message));
    void (ok ? vscode.window.showInformationMessage(text) : vscode.window.showErrorMessage(text));
    return { ok, message };
  };
  /** " (GitHub answered 502, but …)" after a write whose answer was lost and that did happen. */
  const despite = (failure: GitHubFailure | undefined, but: string): string => (failure ? ` ${vscode.l10n.t('({0}, but {1}.)', lostAnswer(failure), but)}` : '');

  /** Teammates for `pull`: load from the last refresh (or one now), access from one GraphQL request. */
  const candidates = async (pull: PullRef, me: string, author: string, exclude: readonly string[]): Promise<Candidate[]> => {
    if (!model.snapshot.teamLoad) await model.refreshTeamLoad();
    const loads = teamLoad(model.snapshot.teamLoad ?? [], Date.now(), { slaHours: config.settings.slaHours, businessHours: config.settings.businessHours, agents: config.settings.teamAgents });
    const skip = new Set([me, ...exclude].map((l) => l.toLowerCase()));
    const members = peopleOnly(config.settings.teamMembers, config.settings.teamAgents).filter((m) => !skip.has(m.toLowerCase()));
    const [access] = await Promise.all([
      github.run((s) => s.reviewAccess(pull.repo, members)).catch((e: unknown) => {
        // Without the check, GitHub's own answer (a 422) still says who cannot review.
        console.warn(`[lead-desk] review access of the team on ${pull.repo} not checked: ${describeError(e)}`);
        return undefined;
      }),
      turnaround?.ensure(), // never throws: without it, the load alone orders the pick
    ]);
    const byLogin = new Map(loads.map((l) => [l.login.toLowerCase(), l]));
    const list = members.map((login): Candidate => {
      const load = byLogin.get(login.toLowerCase());
      const blocked = load && !load.exists ? 'not a GitHub user'
        : login.toLowerCase() === author.toLowerCase() ? 'wrote this pull request'
          : access?.get(login.toLowerCase()) === false ? `no access to ${pull.repo}` : undefined;
      const pickup = turnaround?.of(login);
      return { login, load, ...(pickup ? { pickup } : {}), ...(blocked ? { blocked } : {}) };
    });
    const median = (c: Candidate) => c.pickup?.current.medianMs ?? null;
    return list.sort((a, b) => Number(!!a.blocked) - Number(!!b.blocked)
      || (a.load && b.load ? compareReviewers({ load: a.load, medianMs: median(a) }, { load: b.load, medianMs: median(b) }) : Number(!a.load) - Number(!b.load))
      || a.login.localeCompare(b.login));
  };

  /** The pick: available teammates in the ranking's order (stated in the placeholder), then the ones who cannot review, greyed, with why. */
  const pickTeammate = async (title: string, list: Candidate[], given?: string): Promise<Candidate | undefined> => {
    if (given !== undefined) {
      // A bot or a named agent is never asked, even when listed among the members: say which it is.
      const why = isBotOrAgent(given, config.settings.teamAgents) ? `a coding agent or bot (${settingId(Settings.teamAgents)}), not a reviewer` : `not in ${settingId(Settings.teamMembers)}`;
      return list.find((c) => c.login.toLowerCase() === given.toLowerCase()) ?? { login: given, load: undefined, blocked: why };
    }
    type Item = vscode.QuickPickItem & { candidate?: Candidate };
    const line = (c: Candidate) => (c.load ? [loadCountsText(c.load), c.load.count ? `oldest ${formatDuration(c.load.oldestWaitMs)}` : '', pickerPickup(c.pickup)].filter(Boolean).join(' · ') : 'load not known');
    const open = list.filter((c) => !c.blocked).map((c): Item => ({ label: c.login, description: line(c), iconPath: new vscode.ThemeIcon('account'), candidate: c }));
    const blocked = list.filter((c) => c.blocked).map((c): Item => ({
      label: c.login, description: vscode.l10n.t('cannot review: {0}', c.blocked ?? ''), iconPath: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')), candidate: c,
    }));
    const items: Item[] = [...open, ...(blocked.length ? [{ label: vscode.l10n.t('Cannot review'), kind: vscode.QuickPickItemKind.Separator } as Item, ...blocked] : [])];
    if (open.length + blocked.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: no teammate to ask — add GitHub logins to {0}.', settingId(Settings.teamMembers)));
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Fewest reviews waiting first; ties by fastest median review pickup (last 4 weeks, business hours)'), ignoreFocusOut: true }))?.candidate;
  };

  const reviewOf = (pull: PullRef, author: string): MemberReview => ({
    repo: pull.repo, number: pull.number, title: pull.title ?? `#${pull.number}`, author, url: pull.url ?? '', createdAt: pull.createdAt ?? Date.now(),
    requestedAt: Date.now(), direct: true, additions: 0, deletions: 0, draft: pull.draft === true, ci: 'none', labels: [],
  });

  const requestReviewFrom = async (arg?: unknown, opts: AssignmentOptions = {}): Promise<AssignmentOutcome | undefined> => {
    const mine = paletteCandidates.requestReview(decisions.current);
    if (!pullFrom(arg, 'pullRequest') && mine.length === 0) return say(false, vscode.l10n.t('you have no open pull requests to ask a review for (refresh the sidebar if you just opened one).'));
    const target = pullFrom(arg, 'pullRequest') ?? await pickPull(mine, vscode.l10n.t('Request review on which of your pull requests?'), { ignoreFocusOut: true });
    if (!target) return undefined;
    const me = await github.run((s) => s.me());
    if (!me) return say(false, vscode.l10n.t('sign in to GitHub to request reviews.'));
    const own = model.snapshot.ownPullRequests.find((p: OwnPullRequest) => p.repo === target.repo && p.number === target.number);
    const list = await candidates(target, me, me, own?.waitingOn ?? []);
    const who = await pickTeammate(vscode.l10n.t('Request a review of {0}#{1} from…', target.repo, target.number), list, opts.reviewer);
    if (!who) return undefined;
    if (who.blocked) return say(false, vscode.l10n.t('{0} cannot review {1}#{2}: {3}. Nothing was sent.', who.login, target.repo, target.number, who.blocked));
    // Picked by the lead in the list above, or named by a caller: then the lead says yes first.
    if (opts.reviewer !== undefined && !(await confirmModal(
      vscode.l10n.t('Ask {0} to review {1}#{2}?', who.login, target.repo, target.number),
      vscode.l10n.t('GitHub will notify {0} in your name.', who.login),
      vscode.l10n.t('Request Review'),
    ))) return undefined;
    try {
      const after = await github.run((s) => s.requestReviewers(target.repo, target.number, [who.login]));
      if (!after) return say(false, vscode.l10n.t('sign in to GitHub to request reviews.'));
      model.applyReviewChange({ repo: target.repo, number: target.number, waitingOn: after.users, leadRemoved: false, requested: { login: who.login, review: reviewOf({ ...own, ...target }, me) } });
      return say(true, vscode.l10n.t('asked {0} to review {1}#{2}.', who.login, target.repo, target.number) + despite(after.recoveredFrom, vscode.l10n.t('the request is on GitHub')));
    } catch (e) {
      if (e instanceof UnconfirmedWrite) return say(false, vscode.l10n.t('{0} may have been asked to review {1}#{2}: {3}.', who.login, target.repo, target.number, describeForNotification(e)));
      return say(false, vscode.l10n.t('could not ask {0} to review {1}#{2}: {3}. Nothing changed on GitHub.', who.login, target.repo, target.number, describeForNotification(e)));
    }
  };

  const handReviewTo = async (arg?: unknown, opts: AssignmentOptions = {}): Promise<AssignmentOutcome | undefined> => {
    const pending = paletteCandidates.handReview(decisions.current);
    if (!pullFrom(arg, 'review') && pending.length === 0) return say(false, vscode.l10n.t('no review is waiting on you.'));
    const target = pullFrom(arg, 'review') ?? await pickPull(pending, vscode.l10n.t('Hand which review on?'), { ignoreFocusOut: true });
    if (!target) return undefined;
    const review: PendingReview | undefined = model.snapshot.reviews.find((r) => r.repo === target.repo && r.number === target.number);
    if (!review) return say(false, vscode.l10n.t('{0}#{1} is no longer waiting on you (refresh the sidebar).', target.repo, target.number));
    const me = await github.run((s) => s.me());
    if (!me) return say(false, vscode.l10n.t('sign in to GitHub to hand reviews on.'));
    const list = await candidates(review, me, review.author, []);
    const who = await pickTeammate(vscode.l10n.t('Hand {0}#{1} to…', review.repo, review.number), list, opts.reviewer);
    if (!who) return undefined;
    if (who.blocked) return say(false, vscode.l10n.t('{0} cannot review {1}#{2}: {3}. Nothing was sent.', who.login, review.repo, review.number, who.blocked));
    const name = `${review.repo}#${review.number}`;
    const what = review.direct
      ? vscode.l10n.t('This asks {0} to review {1} on GitHub and removes your own review request.', who.login, name)
      : vscode.l10n.t('This asks {0} to review {1} on GitHub. Your request came through @{2}, which stays requested.', who.login, name, review.team ?? vscode.l10n.t('your team'));
    if (!(await confirmModal(vscode.l10n.t('Hand {0} to {1}?', name, who.login), notificationSafe(`${what} "${review.title}"`), vscode.l10n.t('Hand Over')))) return undefined;
    const requested = { login: who.login, review: { ...review, requestedAt: Date.now(), direct: true } as MemberReview };
    let asked: GitHubFailure | undefined;
    try {
      const after = await github.run((s) => s.requestReviewers(review.repo, review.number, [who.login]));
      if (!after) return say(false, vscode.l10n.t('sign in to GitHub to hand reviews on.'));
      asked = after.recoveredFrom;
      await model.recordHandOff(review.repo, review.number, who.login).catch(() => undefined);
    } catch (e) {
      if (e instanceof UnconfirmedWrite) return say(false, vscode.l10n.t('{0} may have been asked to review {1}: {2}. The review still waits on you until you refresh.', who.login, name, describeForNotification(e)));
      return say(false, vscode.l10n.t('could not ask {0} to review {1}: {2}. Nothing changed: the review still waits on you.', who.login, name, describeForNotification(e)));
    }
    if (!review.direct) {
      model.applyReviewChange({ repo: review.repo, number: review.number, leadRemoved: false, requested });
      return say(true, `asked ${who.login} to review ${name}; the request to @${review.team ?? 'your team'} stays.${despite(asked, vscode.l10n.t('the request is on GitHub'))}`);
    }
    try {
      const after = await github.run((s) => s.removeReviewRequest(review.repo, review.number, [me]));
      const stillMine = after?.users.some((u) => u.toLowerCase() === me.toLowerCase()) ?? true;
      model.applyReviewChange({ repo: review.repo, number: review.number, leadRemoved: !stillMine, requested });
      return stillMine ? say(false, `asked ${who.login} to review ${name}, but GitHub still lists you as a requested reviewer.`)
        : say(true, `handed ${name} to ${who.login}: they are asked to review, and your request is removed.${despite(asked ?? after?.recoveredFrom, vscode.l10n.t('the hand-off is on GitHub'))}`);
    } catch (e) {
      model.applyReviewChange({ repo: review.repo, number: review.number, leadRemoved: false, requested });
      if (e instanceof UnconfirmedWrite) return say(false, `asked ${who.login} to review ${name}; your own request may have been removed: ${describeForNotification(e)}.`);
      return say(false, `asked ${who.login} to review ${name}, but could not remove your own request: ${describeForNotification(e)}. You are still a requested reviewer.`);
    }
  };

  /** A command never rejects: whatever went wrong is said. */
  const guarded = (what: string, fn: (arg?: unknown, opts?: AssignmentOptions) => Promise<AssignmentOutcome | undefined>) =>
    async (arg?: unknown, opts?: unknown): Promise<AssignmentOutcome | undefined> => {
      try {
        // Only the reviewer is taken from a caller: nothing it passes answers a confirmation.
        const reviewer = typeof opts === 'object' && opts !== null ? (opts as { reviewer?: unknown }).reviewer : undefined;
        return await fn(arg, typeof reviewer === 'string' ? { reviewer } : {});
      } catch (e) {
        return say(false, `could not ${what}: ${describeForNotification(e)}`);
      }
    };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.workRequestReview, guarded('request the review', requestReviewFrom)),
    vscode.commands.registerCommand(Commands.workHandReview, guarded('hand the review on', handReviewTo)),
  );
}
