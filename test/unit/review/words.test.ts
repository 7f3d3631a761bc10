/**
 * The Morning Review's host-built sentences come from the words table the panel passes in
 * (`reviewWords`, in VS Code's display language): given a table in another language, the plain-Node
 * loaders say everything in it, and spell none of their own English.
 */
import assert from 'node:assert/strict';
import type { NotificationThread } from '../../../src/github/api';
import type { InboxSnapshot } from '../../../src/inbox/inboxSnapshot';
import { groupNotifications, orderWorkflows } from '../../../src/review/format';
import { loadPlan, loadTeam } from '../../../src/review/localSections';
import { loadCommunication, loadIncidents, type SectionContext } from '../../../src/review/sections';
import type { ReviewWords } from '../../../src/review/words';
import { DEFAULT_SETTINGS } from '../../../src/settings';
import { Settings, settingId } from '../../../src/ids';
import { englishWords } from './englishWords';

/** Fake German: the sentences asserted below, and `DE:` before every other one, so nothing falls back to English unseen. */
const GERMAN: ReviewWords = {
  ...(Object.fromEntries(Object.entries(englishWords()).map(([key, english]) => [key, `DE:${english}`])) as unknown as ReviewWords),
  signedOut: 'Nicht bei GitHub angemeldet.',
  noRepositories: 'Keine Repositories beobachtet: setze „{0}“.',
  'reason.review_requested': 'Review angefordert',
  ago: 'vor {0}',
  failingFor: 'fehlschlagend seit {0}',
  yesterday: 'Gestern',
  thisWeek: 'Diese Woche',
  nothingTracked: 'nichts erfasst',
  technicalShare: '{0} % technisch',
  withTarget: '{0} (Ziel {1} %)',
  meeting: 'Termin',
  planTarget: 'Technisches Ziel {0} — {1}',
  planTargetDone: 'Technisches Ziel {0} ({1} erledigt) — {2}',
  freeInBlock: '{0} frei in 1 Block: {1}',
  freeInBlocks: '{0} frei in {1} Blöcken: {2}',
  fits: 'Passt.',
  short: '{0} zu wenig.',
  targetReached: 'Ziel erreicht.',
  signInForQueue: 'Melde dich bei GitHub an, um die Review-Warteschlange zu sehen.',
};

const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
/** Wednesday 9 December 2026, noon, local time. */
const NOW = at(9, 12);
const memory = new Map<string, unknown>();
const memento = { get: <T>(key: string) => memory.get(key) as T | undefined, update: (key: string, value: unknown) => { memory.set(key, value); return Promise.resolve(); } };

describe('review: the loaders speak the words table they are given', () => {
  it('Plan the day: the splits, the calendar line and the verdict', async () => {
    const loaded = await loadPlan({
      settings: () => DEFAULT_SETTINGS, timeEntries: async () => [], timerMode: () => null,
      meetings: async () => [{ key: 'sync@2026-12-09', start: at(9, 14), end: at(9, 15) }],
      memento, now: () => NOW, locale: 'de', words: GERMAN,
    });
    assert.equal(loaded.data.kind, 'plan');
    if (loaded.data.kind !== 'plan') return;
    assert.equal(loaded.data.yesterday.label, 'Gestern');
    assert.equal(loaded.data.week.label, 'Diese Woche');
    assert.equal(loaded.data.yesterday.share, 'nichts erfasst');
    assert.match(loaded.data.day!.meetings[0]!, / Termin$/);
    assert.match(loaded.data.day!.line, /^Technisches Ziel .+ — .+ frei in \d Blöcken: /);
    assert.ok(['Passt.', 'Ziel erreicht.'].includes(loaded.data.day!.verdict) || loaded.data.day!.verdict.endsWith(' zu wenig.'), loaded.data.day!.verdict);
  });

  it('Team & reviews: the review queue notice', () => {
    const snapshot = {
      signedIn: false, signInKnown: true, noRepositories: false, reviews: [], reviewsTotal: 0, ownPullRequests: [], asOf: null, fromSnapshot: false, missing: [],
      rateLimit: null, heldUntil: null, failure: null, refreshing: false, tasks: [], delegatedIssues: [],
    } as InboxSnapshot;
    const team = loadTeam(snapshot, DEFAULT_SETTINGS, NOW, 'de', GERMAN);
    assert.equal(team.data.kind === 'team' && team.data.queue.notice, GERMAN.signInForQueue);
  });

  it('the GitHub sections: group labels, ages, workflow states and the errors they throw', async () => {
    const thread: NotificationThread = { id: '1', repo: 'acme/api', reason: 'review_requested', title: 't', type: 'PullRequest', updatedAt: NOW - 3_600_000, url: '' };
    const [group] = groupNotifications([thread], NOW, GERMAN);
    assert.equal(group!.label, 'Review angefordert');
    assert.equal(group!.items[0]!.when, 'vor 1h 00m');
    const [run] = orderWorkflows([{
      repo: 'acme/api', branch: 'main', workflowId: 1, name: 'CI', runId: 1, runNumber: 1, state: 'failure', detail: 'failure', createdAt: NOW, failingSince: NOW - 7_200_000, url: '',
    }], NOW, GERMAN);
    assert.equal(run!.stateText, 'fehlschlagend seit 2h 00m');
    const ctx = (repos: string[]): SectionContext => ({
      settings: () => DEFAULT_SETTINGS, github: async () => undefined, repositories: async () => repos, lastReviewAt: null, memento, now: () => NOW, locale: 'de', words: GERMAN,
    });
    await assert.rejects(loadCommunication(ctx(['acme/api'])), { message: 'Nicht bei GitHub angemeldet.' });
    await assert.rejects(loadIncidents(ctx([])), { message: `Keine Repositories beobachtet: setze „${settingId(Settings.repositories)}“.` });
  });
});
