/** Taking the fields an older GHES lacks out of a query, at the locations GitHub reports. */
import assert from 'node:assert/strict';
import { undefinedFields, withoutFieldsAt } from '../../../../src/github/transport/graphqlFields';

const at = (query: string, needle: string, nth = 0) => {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = query.indexOf(needle, offset + 1);
  const before = query.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
};
const squash = (s: string | null) => s?.replace(/\s+/g, ' ').trim() ?? null;

describe('graphqlFields', () => {
  it('reads undefinedField errors by code or by message, and nothing else', () => {
    const loc = [{ line: 1, column: 3 }];
    assert.deepEqual(undefinedFields([{ message: 'x', locations: loc, extensions: { code: 'undefinedField', typeName: 'PullRequest', fieldName: 'latestReviews' } }]),
      [{ name: 'PullRequest.latestReviews', locations: loc }]);
    assert.deepEqual(undefinedFields([{ message: "Field 'dueOn' doesn't exist on type 'Milestone'", locations: loc }]), [{ name: 'Milestone.dueOn', locations: loc }]);
    assert.equal(undefinedFields([{ message: "Field 'dueOn' doesn't exist on type 'Milestone'" }]), null, 'no location to drop at');
    assert.equal(undefinedFields([{ message: 'Something went wrong', locations: loc }]), null);
    assert.equal(undefinedFields([]), null);
  });

  it('drops a field with its alias, arguments, directives and selection, and every occurrence reported', () => {
    const q = 'query Q($on: Boolean!) {\n  a: search(first: 1) @include(if: $on) { nodes { id latest: latestReviews(first: 1) @skip(if: false) { nodes { state } } title } }\n  b: search(first: 2) { nodes { latestReviews(first: 1) { totalCount } id } }\n}';
    const out = withoutFieldsAt(q, [at(q, 'latest:'), at(q, 'latestReviews', 1)]);
    assert.equal(squash(out), 'query Q($on: Boolean!) { a: search(first: 1) @include(if: $on) { nodes { id title } } b: search(first: 2) { nodes { id } } }');
  });

  it('drops a selection the field leaves empty, up to the nearest that keeps something', () => {
    const q = '{ pr { number commits(last: 1) { nodes { commit { statusCheckRollup { state } } } } ... on PullRequest { isDraft } } }';
    assert.equal(squash(withoutFieldsAt(q, [at(q, 'statusCheckRollup'), at(q, 'isDraft')])), '{ pr { number } }');
  });

  it('gives up when the operation would be empty, or the location is not a field', () => {
    const q = '{ viewer { nope } }';
    assert.equal(withoutFieldsAt(q, [at(q, 'nope')]), null);
    assert.equal(withoutFieldsAt(q, [at(q, '{', 1)]), null);
  });
});
