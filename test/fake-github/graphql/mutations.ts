// Mutations over the scenario: each records what GitHub would (timeline events, timestamps).
import { GraphQLError } from 'graphql';
import { type ScenarioIssue, type UserStatus, iso, nextId, requestReview } from '../scenario';
import { encodeCursor } from './connection';
import {
  type ActorSrc, type Args, type CommentSrc, type GqlContext, type LabelSrc, type PullSrc, type TeamSrc,
  actor, itemOf, itemSrc, nodeById, scenarioLogin,
} from './sources';

type Fields = Record<string, (src: unknown, args: Args, ctx: GqlContext) => unknown>;

const input = (args: Args): Args => (args['input'] ?? {}) as Args;

function unresolvable(id: string): GraphQLError {
  return new GraphQLError(`Could not resolve to a node with the global id of '${id}'`, { extensions: { type: 'NOT_FOUND' } });
}

/** The issue or PR behind a node id (`subjectId`, `labelableId`). */
function itemById(c: GqlContext, id: string): ScenarioIssue {
  const node = nodeById(c.s, id);
  if (!node || (node.__typename !== 'Issue' && node.__typename !== 'PullRequest')) throw unresolvable(id);
  return itemOf(node as PullSrc);
}

export const mutationFields: Fields = {
  changeUserStatus: (_r, args, c) => {
    const i = input(args);
    const str = (k: string): string | null => (typeof i[k] === 'string' && i[k] !== '' ? (i[k] as string) : null);
    const status: UserStatus = {
      message: str('message'),
      emoji: str('emoji'),
      indicatesLimitedAvailability: i['limitedAvailability'] === true,
      expiresAt: str('expiresAt'),
    };
    // An empty message and emoji clears the status, as on GitHub.
    c.s.userStatus = status.message === null && status.emoji === null ? null : status;
    return {
      clientMutationId: i['clientMutationId'] ?? null,
      status: c.s.userStatus ? { __typename: 'UserStatus', login: c.s.me, status: c.s.userStatus } : null,
    };
  },

  requestReviews: (_r, args, c) => {
    const i = input(args);
    const pullId = String(i['pullRequestId']);
    const node = nodeById(c.s, pullId);
    if (node?.__typename !== 'PullRequest') throw unresolvable(pullId);
    const pull = (node as PullSrc).pull;
    const users = ((i['userIds'] ?? []) as string[]).map((id) => {
      const a = nodeById(c.s, id);
      if (!a || (a.__typename !== 'User' && a.__typename !== 'Bot')) throw unresolvable(id);
      return scenarioLogin(c.s, a as ActorSrc);
    });
    const teams = ((i['teamIds'] ?? []) as string[]).map((id) => {
      const t = nodeById(c.s, id);
      if (t?.__typename !== 'Team') throw unresolvable(id);
      return `${(t as TeamSrc).team.org}/${(t as TeamSrc).team.slug}`;
    });
    const at = c.now;
    if (i['union'] !== true) {
      // Without `union`, the given reviewers replace the requested ones.
      for (const u of pull.requestedReviewers.filter((x) => !users.includes(x))) {
        c.s.timeline.push({ id: nextId(c.s), repo: pull.repo, issue: pull.number, event: 'review_request_removed', actor: c.s.me, createdAt: iso(at), requestedReviewer: u });
      }
      for (const t of pull.requestedTeams.filter((x) => !teams.includes(x))) {
        c.s.timeline.push({ id: nextId(c.s), repo: pull.repo, issue: pull.number, event: 'review_request_removed', actor: c.s.me, createdAt: iso(at), requestedTeam: t });
      }
      pull.requestedReviewers = pull.requestedReviewers.filter((x) => users.includes(x));
      pull.requestedTeams = pull.requestedTeams.filter((x) => teams.includes(x));
    }
    for (const user of users) requestReview(c.s, pull, { user }, at, c.s.me);
    for (const team of teams) requestReview(c.s, pull, { team }, at, c.s.me);
    pull.updatedAt = iso(at);
    return { clientMutationId: i['clientMutationId'] ?? null, actor: actor(c.s, c.s.me), pullRequest: itemSrc(pull), requestedReviewersEdge: null };
  },

  addComment: (_r, args, c) => {
    const i = input(args);
    const item = itemById(c, String(i['subjectId']));
    const body = String(i['body'] ?? '');
    if (body.trim() === '') throw new GraphQLError("Body can't be blank", { extensions: { type: 'UNPROCESSABLE' } });
    const at = iso(c.now);
    const comment = { id: nextId(c.s), repo: item.repo, issue: item.number, user: c.s.me, body, createdAt: at, updatedAt: at };
    c.s.comments.push(comment);
    item.updatedAt = at;
    const node: CommentSrc = { __typename: 'IssueComment', comment };
    const position = c.s.comments.filter((x) => x.repo === item.repo && x.issue === item.number).length;
    return {
      clientMutationId: i['clientMutationId'] ?? null,
      commentEdge: { cursor: encodeCursor(position), node },
      timelineEdge: { cursor: encodeCursor(position), node },
      subject: itemSrc(item),
    };
  },

  addLabelsToLabelable: (_r, args, c) => {
    const i = input(args);
    const item = itemById(c, String(i['labelableId']));
    const labels = ((i['labelIds'] ?? []) as string[]).map((id) => {
      const l = nodeById(c.s, id);
      if (l?.__typename !== 'Label' || (l as LabelSrc).repo !== item.repo) throw unresolvable(id);
      return (l as LabelSrc).label.name;
    });
    const at = iso(c.now);
    for (const label of labels.filter((l) => !item.labels.includes(l))) {
      c.s.timeline.push({ id: nextId(c.s), repo: item.repo, issue: item.number, event: 'labeled', actor: c.s.me, label, createdAt: at });
      item.labels.push(label);
    }
    item.updatedAt = at;
    return { clientMutationId: i['clientMutationId'] ?? null, labelable: itemSrc(item) };
  },

  addAssigneesToAssignable: (_r, args, c) => {
    const i = input(args);
    const item = itemById(c, String(i['assignableId']));
    const logins = ((i['assigneeIds'] ?? []) as string[]).map((id) => {
      const a = nodeById(c.s, id);
      if (a?.__typename !== 'User') throw unresolvable(id);
      return (a as ActorSrc).login;
    });
    const at = iso(c.now);
    for (const login of logins.filter((l) => !item.assignees.includes(l))) {
      c.s.timeline.push({ id: nextId(c.s), repo: item.repo, issue: item.number, event: 'assigned', actor: c.s.me, assignee: login, createdAt: at });
      item.assignees.push(login);
    }
    item.updatedAt = at;
    return { clientMutationId: i['clientMutationId'] ?? null, assignable: itemSrc(item) };
  },
};
