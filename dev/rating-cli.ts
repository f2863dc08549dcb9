/**
 * `npm run rating -- --data DIR --settings FILE --period week|month|quarter [--final] --now ISO`
 * Reads amoCRM API objects from DIR (account.json, users.json, pipelines.json, leads.json,
 * events.json, tasks.json; each file holds the array of `_embedded` items, or the API's whole
 * response) and prints the rating as JSON. Optional: DIR/snapshots.json for closed periods.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultEngineSettings,
  intlOffset,
  RatingEngine,
  type AccountSnapshot,
  type EngineSettings,
  type PeriodKind,
} from '../src/engine';

class UsageError extends Error {}

function args(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
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
function items<T>(dir: string, name: string, key: string, required = true): T[] {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    if (required) throw new UsageError(`${file} is missing`);
    return [];
  }
  const v = readJson(file) as unknown;
  if (Array.isArray(v)) return v as T[];
  const embedded = (v as { _embedded?: Record<string, unknown> })._embedded?.[key];
  if (Array.isArray(embedded)) return embedded as T[];
  throw new UsageError(`${file} holds neither an array nor an API response with _embedded.${key}`);
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
  const account = readJson(join(dir, 'account.json')) as AccountSnapshot['account'];
  const data: AccountSnapshot = {
    account,
    users: items(dir, 'users', 'users'),
    pipelines: items(dir, 'pipelines', 'pipelines'),
    leads: items(dir, 'leads', 'leads'),
    events: items(dir, 'events', 'events'),
    tasks: items(dir, 'tasks', 'tasks', false),
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
  const bottom =
    kind === 'week' ? Object.fromEntries(engine.bottomWatch(period, now, snapshots)) : undefined;
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
