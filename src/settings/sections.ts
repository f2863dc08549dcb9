/**
 * Which settings each sidebar section owns: the page saves a section's fields and nothing else,
 * and the server accepts a partial save of these fields only.
 */
export const SECTION_FIELDS = {
  pipelines: [
    'rating.pipelineIds',
    'rating.stages',
    'rating.countSkippedStages',
    'rating.meetingsHeldFrom',
    'rating.meetingTaskTypeIds',
    'rating.tasksScope',
    'rating.excludedUserIds',
  ],
  points: ['rating.points'],
  norms: ['rating.norms', 'rating.thresholds', 'rating.rankBy', 'rating.teams'],
  schedule: ['scheduleHour', 'language', 'editors', 'explainSheet', 'rating.calendarDays', 'live'],
  head: ['rating.bottomWatch'],
  telegram: ['telegram'],
} as const;

/** The sidebar's sections in the order they are shown (the demo's pictures follow it too). */
export const SIDEBAR_SECTIONS = [
  'connection',
  'pipelines',
  'points',
  'plans',
  'norms',
  'schedule',
  'head',
  'telegram',
] as const;

export const SAVABLE_FIELDS: ReadonlySet<string> = new Set(Object.values(SECTION_FIELDS).flat());
