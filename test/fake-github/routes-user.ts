// Routes about the authenticated user: profile, teams, notifications, rate limit; and GraphQL.
import { type ScenarioNotification, iso, teamsOf } from './scenario';
import * as shapes from './builders';
import { type Route, type RouteRequest, asRecord, byKey, notFound, ok, paginate } from './http-kit';
import type { RateLimiter } from './rate-limit';
import { type GraphQLOptions, graphqlRoute } from './graphql/endpoint';

/** Reasons GitHub counts as "participating" (direct involvement, not mere watching). */
const PARTICIPATING = new Set(['assign', 'author', 'comment', 'manual', 'mention', 'review_requested', 'state_change', 'approval_requested']);

/**
 * `Last-Modified` of the notification list: the newest activity or read-mark of any thread, so a
 * poller's `If-Modified-Since` gets 304 exactly until something changes.
 */
function notificationsLastModified(list: ScenarioNotification[]): Date {
  let max = Date.parse('2015-01-01T00:00:00Z');
  for (const n of list) max = Math.max(max, Date.parse(n.updatedAt), n.lastReadAt ? Date.parse(n.lastReadAt) : 0);
  return new Date(max);
}

function thread(req: RouteRequest): ScenarioNotification {
  const n = req.ctx.scenario.notifications.find((x) => x.id === req.params['thread_id']);
  if (!n) throw notFound();
  return n;
}

export function userRoutes(limiter: RateLimiter, graphql: GraphQLOptions = {}): Route[] {
  return [
    { method: 'GET', template: '/user', handle: (req) => ok(shapes.privateUser(req.ctx, req.ctx.scenario.me)) },
    {
      method: 'GET', template: '/user/teams',
      handle(req) {
        const page = paginate(req, teamsOf(req.ctx.scenario, req.ctx.scenario.me));
        return ok(page.items.map((t) => shapes.teamFull(req.ctx, t)), page.headers);
      },
    },
    {
      method: 'GET', template: '/notifications',
      handle(req) {
        const s = req.ctx.scenario;
        const q = req.query;
        const since = q.get('since');
        const before = q.get('before');
        const list = s.notifications
          .filter((n) => q.get('all') === 'true' || n.unread)
          .filter((n) => q.get('participating') !== 'true' || PARTICIPATING.has(n.reason))
          .filter((n) => !since || Date.parse(n.updatedAt) > Date.parse(since))
          .filter((n) => !before || Date.parse(n.updatedAt) < Date.parse(before))
          .sort(byKey((n) => n.updatedAt, 'desc'));
        const page = paginate(req, list, Infinity, 50);
        return {
          status: 200,
          body: page.items.map((n) => shapes.notification(req.ctx, n)),
          headers: { ...page.headers, 'x-poll-interval': '60' },
          lastModified: notificationsLastModified(s.notifications),
        };
      },
    },
    {
      method: 'PUT', template: '/notifications',
      handle(req) {
        const b = asRecord(req.body);
        const cutoff = typeof b['last_read_at'] === 'string' ? Date.parse(b['last_read_at']) : req.now.getTime();
        for (const n of req.ctx.scenario.notifications) {
          if (n.unread && Date.parse(n.updatedAt) <= cutoff) {
            n.unread = false;
            n.lastReadAt = iso(req.now);
          }
        }
        return { status: 205 };
      },
    },
    { method: 'GET', template: '/notifications/threads/{thread_id}', handle: (req) => ok(shapes.notification(req.ctx, thread(req))) },
    {
      method: 'PATCH', template: '/notifications/threads/{thread_id}',
      handle(req) {
        const n = thread(req);
        n.unread = false;
        n.lastReadAt = iso(req.now);
        return { status: 205 };
      },
    },
    { method: 'GET', template: '/rate_limit', handle: () => ok(limiter.snapshot()) },
    graphqlRoute(limiter, graphql),
  ];
}
