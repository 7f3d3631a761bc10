import assert from 'node:assert/strict';
import type { NudgeRecord } from '../../../src/core/nudges';
import { GitHubFailure } from '../../../src/github/transport/failure';
import { unansweredNudges } from '../../../src/review/nudgeSection';
import { englishWords } from './englishWords';

describe('review/unansweredNudges', () => {
  const HOUR = 3_600_000;
  const now = new Date(2024, 4, 15, 9, 30).getTime(); // a Wednesday, local
  const yesterday = new Date(2024, 4, 14, 11, 0).getTime();
  const n = (who: string, number: number, at = yesterday): NudgeRecord => ({ at, who, repo: 'acme/api', number, url: `https://github.com/acme/api/issues/${number}#c` });
  const WEEK = [1, 2, 3, 4, 5];

  it("lists yesterday's nudges the person did not answer, and asks nothing when there were none", async () => {
    let asked = 0;
    const view = await unansweredNudges([n('tomas', 1), n('jun', 2), n('mira', 3), n('old', 4, yesterday - 48 * HOUR)], now, WEEK, async (list) => {
      asked++;
      assert.deepEqual(list.map((x) => x.who).sort(), ['jun', 'mira', 'tomas']);
      return new Map([['acme/api#1', [{ who: 'tomas', at: yesterday + HOUR }]], ['acme/api#2', [{ who: 'jun', at: yesterday - HOUR }]]]);
    }, 'en-GB', englishWords());
    assert.equal(asked, 1);
    assert.deepEqual(view.items.map((i) => [i.text, i.detail.split(' · ')[1]]), [['@jun on acme/api#2', 'no answer'], ['@mira on acme/api#3', 'no answer known (GitHub did not say)']]);
    assert.equal(view.note, null);
    const none = await unansweredNudges([n('old', 4, yesterday - 48 * HOUR)], now, WEEK, () => { throw new Error('not asked'); }, 'en-GB', englishWords());
    assert.deepEqual(none, { items: [], note: null, asked: 0 });
  });

  it('degrades to "no answer known" with a note when GitHub fails or the lead is signed out', async () => {
    const failed = await unansweredNudges([n('tomas', 1)], now, WEEK, () => Promise.reject(new GitHubFailure('forbidden', 'SSO required')), 'en-GB', englishWords());
    assert.equal(failed.items.length, 1);
    assert.match(failed.items[0]!.detail, /no answer known$/);
    assert.match(failed.note ?? '', /^No answer known: GitHub could not be asked \(GitHub refused access: SSO required\)/);
    const signedOut = await unansweredNudges([n('tomas', 1)], now, WEEK, async () => undefined, 'en-GB', englishWords());
    assert.match(signedOut.note ?? '', /not signed in/);
  });
});
