/**
 * `npm run rating -- --data DIR --settings FILE --period week|month|quarter [--final] --now ISO`
 * Reads amoCRM API objects from DIR (account.json, users.json, pipelines.json, leads.json,
 * events.json, tasks.json; each file holds the array of `_embedded` items, or the API's whole
 * response) and prints the rating as JSON. Optional: DIR/snapshots.json for closed periods.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import {
  defaultEngineSettings,
  intlOffset,
  RatingEngine,
  type EngineSettings,
  type PeriodKind,
} from '../src/engine';
import { eventLogFromApi, type AccountData } from '../src/shapes/account-data';
import {
  AccountSchema,
  EventSchemas,
  isRatingEventType,
  LeadSchema,
  PipelineSchema,
  TaskSchema,
  UserSchema,
  type AmoEvent,
} from '../src/shapes/amocrm';

class UsageError extends Error {}

function args(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = true;
  }
  return out;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Accepts the items themselves or a whole API response ({ _embedded: { leads: [...] } }). */
function items(dir: string, name: string, key: string, required = true): unknown[] {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    if (required) throw new UsageError(`${file} is missing`);
    return [];
  }
  const json = readJson(file);
  if (Array.isArray(json)) return json as unknown[];
  const embedded = (json as { _embedded?: Record<string, unknown> } | null)?._embedded?.[key];
  if (Array.isArray(embedded)) return embedded as unknown[];
  throw new UsageError(`${file} holds neither an array nor an API response with _embedded.${key}`);
}

/** Items checked by the same schemas the product's sync uses. */
function checked<T>(schema: v.GenericSchema<unknown, T>, list: unknown[], file: string): T[] {
  return list.map((x, i) => {
    const r = v.safeParse(schema, x);
    if (!r.success) throw new UsageError(`${file}[${i}]: ${r.issues[0].message}`);
    return r.output;
  });
}

function events(list: unknown[]): AmoEvent[] {
  const out: AmoEvent[] = [];
  list.forEach((x, i) => {
    const type = (x as { type?: unknown } | null)?.type;
    if (!isRatingEventType(type)) return;
    out.push(...checked<AmoEvent>(EventSchemas[type], [x], `events.json[${i}]`));
  });
  return out;
}

function main(): void {
  const a = args(process.argv.slice(2));
  const usage =
    'usage: npm run rating -- --data DIR --settings FILE --period week|month|quarter [--final] --now ISO-TIME';
  if (typeof a.data !== 'string' || typeof a.settings !== 'string' || typeof a.period !== 'string')
    throw new UsageError(usage);
  const kind = a.period as PeriodKind;
  if (!['week', 'month', 'quarter'].includes(kind))
    throw new UsageError(`--period must be week, month or quarter\n${usage}`);
  const now = typeof a.now === 'string' ? Date.parse(a.now) : Date.now();
  if (Number.isNaN(now)) throw new UsageError(`--now is not a date: ${String(a.now)}`);
  const dir = a.data;
  const [account] = checked(AccountSchema, [readJson(join(dir, 'account.json'))], 'account.json');
  if (!account) throw new UsageError('account.json is empty');
  const data: AccountData = {
    account,
    users: checked(UserSchema, items(dir, 'users', 'users'), 'users.json'),
    pipelines: checked(PipelineSchema, items(dir, 'pipelines', 'pipelines'), 'pipelines.json'),
    leads: checked(LeadSchema, items(dir, 'leads', 'leads'), 'leads.json'),
    events: eventLogFromApi(events(items(dir, 'events', 'events'))),
    tasks: checked(TaskSchema, items(dir, 'tasks', 'tasks', false), 'tasks.json'),
  };
  const settings: EngineSettings = defaultEngineSettings(
    readJson(a.settings) as Partial<EngineSettings>,
  );
  const snapshots = existsSync(join(dir, 'snapshots.json'))
    ? (readJson(join(dir, 'snapshots.json')) as [])
    : [];
  const engine = new RatingEngine(data, settings, {
    utcOffset: intlOffset,
    fallbackTimeZone: 'Europe/Moscow',
  });
  const period = engine.period(kind, now, a.final === true);
  const rating = engine.rating(period, now, snapshots);
  const bottom = kind === 'week' ? Object.fromEntries(engine.bottomWatch(period, now)) : undefined;
  process.stdout.write(
    JSON.stringify(
      {
        ...rating,
        period: {
          ...period,
          start: new Date(period.start).toISOString(),
          end: new Date(period.end).toISOString(),
        },
        bottomWatch: bottom,
      },
      null,
      2,
    ) + '\n',
  );
}

try {
  main();
} catch (e) {
  if (e instanceof UsageError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
