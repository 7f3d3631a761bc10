/** A server that lacks a type or an enum value (an older GHES without the merge queue) loses only the field asking for it. */
import assert from 'node:assert/strict';
import { undefinedFields, withoutFieldsAt } from '../../../../src/github/transport/graphqlFields';

const at = (query: string, needle: string, nth = 0) => {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = query.indexOf(needle, offset + 1);
  const before = query.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
};
const squash = (s: string | null) => s?.replace(/\s+/g, ' ').trim() ?? null;

const Q = `{ pr {
  number
  queueEvents: timelineItems(last: 1, itemTypes: [ADDED_TO_MERGE_QUEUE_EVENT, REMOVED_FROM_MERGE_QUEUE_EVENT]) {
    nodes { __typename ... on AddedToMergeQueueEvent { createdAt } ... on RemovedFromMergeQueueEvent { createdAt reason } }
  }
  labels(first: 10) { nodes { name } }
} }`;

describe('graphqlFields: missing types and enum values', () => {
  it('reads undefinedType and an enum value the server lacks as droppable, by code or by message', () => {
    const loc = [{ line: 1, column: 3 }];
    assert.deepEqual(undefinedFields([{ message: "No such type AddedToMergeQueueEvent, so it can't be a fragment condition", locations: loc, extensions: { code: 'undefinedType', typeName: 'AddedToMergeQueueEvent' } }]),
      [{ name: 'AddedToMergeQueueEvent', locations: loc }]);
    assert.deepEqual(undefinedFields([{ message: "Argument 'itemTypes' on Field 'timelineItems' has an invalid value ([ADDED_TO_MERGE_QUEUE_EVENT]). Expected type '[PullRequestTimelineItemsItemType!]'.", locations: loc }]),
      [{ name: 'timelineItems(itemTypes)', locations: loc }]);
    assert.deepEqual(undefinedFields([{ message: 'Value "ADDED_TO_MERGE_QUEUE_EVENT" does not exist in "PullRequestTimelineItemsItemType" enum.', locations: loc }]),
      [{ name: 'PullRequestTimelineItemsItemType.ADDED_TO_MERGE_QUEUE_EVENT', locations: loc }]);
    assert.equal(undefinedFields([{ message: 'Argument \'first\' on Field \'x\' is required', locations: loc }]), null, 'other argument errors are not mended');
  });

  it('drops an inline fragment on a type the server lacks, and the rest of its selection stays', () => {
    assert.equal(squash(withoutFieldsAt(Q, [at(Q, 'AddedToMergeQueueEvent {'), at(Q, 'RemovedFromMergeQueueEvent {')])),
      squash('{ pr { number queueEvents: timelineItems(last: 1, itemTypes: [ADDED_TO_MERGE_QUEUE_EVENT, REMOVED_FROM_MERGE_QUEUE_EVENT]) { nodes { __typename } } labels(first: 10) { nodes { name } } } }'));
  });

  it('drops the field whose argument holds the value (with its alias), wherever in the argument the location points', () => {
    const expected = '{ pr { number labels(first: 10) { nodes { name } } } }';
    assert.equal(squash(withoutFieldsAt(Q, [at(Q, 'ADDED_TO_MERGE_QUEUE_EVENT')])), expected, 'at the value in the list');
    assert.equal(squash(withoutFieldsAt(Q, [at(Q, 'itemTypes')])), expected, 'at the argument');
    assert.equal(squash(withoutFieldsAt(Q, [at(Q, 'AddedToMergeQueueEvent {'), at(Q, 'RemovedFromMergeQueueEvent {'), at(Q, 'ADDED_TO_MERGE_QUEUE_EVENT'), at(Q, 'REMOVED_FROM_MERGE_QUEUE_EVENT')])), expected, 'every error of one answer at once');
  });

  it('an object value in the arguments is not mistaken for a selection', () => {
    const q = '{ pr { number search(filter: { states: [NEWSTATE] }) { totalCount } } }';
    assert.equal(squash(withoutFieldsAt(q, [at(q, 'NEWSTATE')])), '{ pr { number } }');
  });
});
