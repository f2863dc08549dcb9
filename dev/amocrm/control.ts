/**
 * The emulator's control API under /_emulator/ (never called by the product): the clock and the
 * day's activity, faults, the API-filter option, the acting user, OAuth codes, revoking the
 * long-lived token, the request log,
 * and a dump of the whole account — the ground truth tests compare the product's store with.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseQuery, readBody, send } from '../emulator/http-util';
import { isFaultKind } from './faults';
import { checkRetryAfter, isThrottleBody, isThrottleHeader, type ThrottleShape } from './throttle';

/** A throttle shape from a control request's JSON: only the fields given, each checked. */
function throttleOf(json: Record<string, unknown>): Partial<ThrottleShape> {
  const out: Partial<ThrottleShape> = {};
  if (json.retryAfter !== undefined) out.retryAfter = checkRetryAfter(json.retryAfter);
  if (json.body !== undefined) {
    if (!isThrottleBody(json.body))
      throw new Error(`unknown 429 body ${JSON.stringify(json.body)}`);
    out.body = json.body;
  }
  if (json.header !== undefined) {
    if (!isThrottleHeader(json.header))
      throw new Error(`unknown 429 header ${JSON.stringify(json.header)}`);
    out.header = json.header;
  }
  return out;
}
import type { AmoEmulator } from './server';

export async function handleControl(
  emu: AmoEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
): Promise<void> {
  const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
  let json: Record<string, unknown>;
  try {
    json = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    return send(res, 400, { error: 'body must be JSON' });
  }
  const q = parseQuery(query);
  const s = emu.state;
  switch (path) {
    case '/_emulator/state':
      return send(res, 200, {
        now: s.now,
        subdomain: s.account.subdomain,
        token: emu.longLivedToken,
        oauth: emu.oauth,
        leads: s.leads.size,
        events: s.events.length,
        tasks: s.tasks.size,
        users: s.users.length,
        pipelines: s.pipelines.map((p) => ({ id: p.id, name: p.name })),
        apiFilter: s.account.is_api_filter_enabled,
        adminUserId: s.adminUserId,
        deletedUserId: s.deletedUserId,
        pendingFaults: emu.faults.size,
        lastClientTime: emu.lastClientTime,
      });
    case '/_emulator/clock': {
      if (typeof json.set === 'number') emu.advanceTo(json.set);
      if (typeof json.advanceDays === 'number') emu.advanceTo(s.now + json.advanceDays * 86400);
      if (typeof json.advanceSeconds === 'number') emu.advanceTo(s.now + json.advanceSeconds);
      return send(res, 200, { now: s.now, events: s.events.length, leads: s.leads.size });
    }
    case '/_emulator/throttle': {
      // the per-second limit's 429: { retryAfter?, body?: json|html|text, header?: none|seconds|date }
      try {
        Object.assign(emu.throttle, throttleOf(json));
      } catch (e) {
        return send(res, 400, { error: (e as Error).message });
      }
      return send(res, 200, { throttle: emu.throttle });
    }
    case '/_emulator/faults': {
      if (!isFaultKind(json.kind))
        return send(res, 400, { error: `unknown fault kind ${String(json.kind)}` });
      let throttle: Partial<ThrottleShape>;
      try {
        throttle = throttleOf(json);
      } catch (e) {
        return send(res, 400, { error: (e as Error).message });
      }
      emu.faults.add(
        {
          kind: json.kind,
          ...(Object.keys(throttle).length ? { throttle } : {}),
          ...(typeof json.from === 'number' ? { from: json.from } : {}),
          ...(typeof json.ms === 'number' ? { ms: json.ms } : {}),
          ...(typeof json.path === 'string' ? { path: json.path } : {}),
          ...('value' in json ? { value: json.value } : {}),
          ...(typeof json.only === 'string' ? { only: json.only } : {}),
        },
        typeof json.count === 'number' ? json.count : 1,
      );
      return send(res, 200, { pending: emu.faults.size });
    }
    case '/_emulator/counts': {
      // what a client must read at least, for the benchmarks' lower bounds: deals and tasks
      // changed since `since` or still open, and events of the given types in [since, until]
      const since = Number(q.since ?? 0);
      const until = Number(q.until ?? s.now);
      const types = new Set(
        (typeof q.types === 'string' ? q.types : '').split(',').filter(Boolean),
      );
      const open = q.open !== '0'; // a first sync reads open ones too; a daily one what changed
      let leads = 0;
      for (const l of s.leads.values())
        if (
          !l.is_deleted &&
          (l.updated_at >= since || (open && l.status_id !== 142 && l.status_id !== 143))
        )
          leads++;
      let tasks = 0;
      for (const t of s.tasks.values())
        if (t.updated_at >= since || (open && !t.is_completed)) tasks++;
      let events = 0;
      for (const e of s.events)
        if (e.created_at >= since && e.created_at <= until && (!types.size || types.has(e.type)))
          events++;
      return send(res, 200, { leads, tasks, events, users: s.users.length });
    }
    case '/_emulator/faults/clear':
      emu.faults.clear();
      return send(res, 200, { pending: 0 });
    case '/_emulator/api-filter':
      emu.setApiFilter(Boolean(json.enabled));
      return send(res, 200, { apiFilter: s.account.is_api_filter_enabled });
    case '/_emulator/acting-user':
      emu.actingUserId = Number(json.userId);
      return send(res, 200, { actingUserId: emu.actingUserId });
    case '/_emulator/oauth/code':
      return send(res, 200, { code: emu.oauthServer.issueCode() });
    case '/_emulator/oauth/revoke':
      // the integration's OAuth grant is withdrawn: its tokens die, a new consent works
      return send(res, 200, { revoked: emu.oauthServer.revokeAll() });
    case '/_emulator/token/revoke':
      // the old long-lived token stops working; the answer is the new one the admin generated
      return send(res, 200, { token: emu.revokeLongLivedToken() });
    case '/_emulator/unblock':
      emu.limits.reset();
      return send(res, 200, { ok: true });
    case '/_emulator/requests': {
      const since = Number(typeof q.since === 'string' ? q.since : 0);
      return send(res, 200, { requests: emu.log.filter((r) => r.seq > since) });
    }
    case '/_emulator/dump':
      return send(res, 200, {
        now: s.now,
        account: s.account,
        users: s.users,
        pipelines: s.pipelines,
        leads: [...s.leads.values()].filter((l) => !l.is_deleted),
        events: s.events,
        tasks: [...s.tasks.values()],
        messy: s.messy ?? null,
      });
    default:
      return send(res, 404, { error: `unknown control path ${path}` });
  }
}
