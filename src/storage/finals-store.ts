/**
 * The kept finals (docs/rules.md §4.4): every closed period's published final, as checked blocks
 * in a hidden sheet, written with the sheets by the publish. Each final is read back through a
 * schema; a damaged sheet is reported (the finals are then recounted), never read as fewer.
 */
import * as v from 'valibot';
import { finalKey, FIGURES, FLOW_FIGURES, type FinalsBook, type FrozenFinal } from '../engine';
import { readBlocks, segmentText, writeBlocks } from './block-store';
import { StoreCorrupt } from './store-codec';

const num = v.number();
const numOrNull = v.nullable(v.number());
const FiguresSchema = v.object({
  totalLeads: num,
  inWork: numOrNull,
  newLeads: num,
  meetingsScheduled: num,
  meetingsHeld: num,
  contractsSigned: num,
  advancesPaid: num,
  won: num,
  lost: num,
  totalTasks: numOrNull,
  overdueTasks: numOrNull,
  leadsWithoutTasks: numOrNull,
} satisfies Record<(typeof FIGURES)[number], typeof num | typeof numOrNull>);
const FigurePlanSchema = v.object({ plan: num, actual: num, percent: numOrNull });
const PeriodSchema = v.object({
  kind: v.picklist(['week', 'month', 'quarter']),
  final: v.boolean(),
  start: num,
  end: num,
  fullEnd: num,
  firstDay: v.string(),
  lastDay: v.string(),
  label: v.string(),
});
// loose objects: a field a later version adds survives a round trip through an older reader
const RowSchema = v.looseObject({
  place: num,
  medal: v.string(),
  userId: num,
  name: v.string(),
  userState: v.literal('active'),
  figures: FiguresSchema,
  points: num,
  plan: numOrNull,
  planPercent: numOrNull,
  pace: numOrNull,
  figurePlans: v.partial(
    v.object(
      Object.fromEntries(FLOW_FIGURES.map((f) => [f, FigurePlanSchema])) as Record<
        (typeof FLOW_FIGURES)[number],
        typeof FigurePlanSchema
      >,
    ),
  ),
  breaches: v.object({
    overdueTasks: v.boolean(),
    lost: v.boolean(),
    leadsWithoutTasks: v.boolean(),
  }),
  lostShare: numOrNull,
  previousPlace: numOrNull,
  change: numOrNull,
});
const OutsideSchema = v.looseObject({
  userId: num,
  name: v.string(),
  userState: v.picklist(['inactive', 'deleted']),
  figures: FiguresSchema,
  points: num,
});
const FinalSchema = v.looseObject({
  period: PeriodSchema,
  timeZone: v.string(),
  stocksSource: v.picklist(['current', 'snapshot', 'missing']),
  rankedBy: v.picklist(['points', 'planPercent']),
  elapsed: numOrNull,
  rows: v.array(RowSchema),
  outside: v.array(OutsideSchema),
  totals: v.object({
    figures: FiguresSchema,
    points: num,
    plan: numOrNull,
    planPercent: numOrNull,
    pace: numOrNull,
  }),
  frozenAt: num,
});
const BookSchema = v.array(FinalSchema);

// the schema checks every field a FrozenFinal has: this fails to compile when one is missing
const _covers = (x: v.InferOutput<typeof FinalSchema>): FrozenFinal => x;

export class FinalsDamaged extends Error {
  constructor(readonly detail: string) {
    super(`kept finals damaged: ${detail}`);
    this.name = 'FinalsDamaged';
  }
}

/** The kept finals; an empty book when none were kept yet. Throws FinalsDamaged. */
export function readFinals(): FinalsBook {
  let text: string;
  try {
    const blocks = readBlocks('finals');
    if (!blocks) return new Map();
    text = segmentText(blocks, 'finals');
  } catch (e) {
    if (e instanceof StoreCorrupt) throw new FinalsDamaged(e.detail);
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FinalsDamaged('not readable');
  }
  const parsed = v.safeParse(BookSchema, raw);
  if (!parsed.success) throw new FinalsDamaged('a final has an unexpected shape');
  return new Map(parsed.output.map((f) => [finalKey(f.period), _covers(f)]));
}

export function writeFinals(book: FinalsBook, at: number): void {
  const finals = [...book.values()].sort((a, b) => a.period.end - b.period.end);
  writeBlocks(
    'finals',
    { syncId: `finals-${at}`, until: Math.floor(at / 1000), syncedAt: new Date(at).toISOString() },
    { finals: { json: JSON.stringify(finals), items: finals.length } },
    null,
  );
}
