/**
 * What a service call costs on the execution's clock. Every Apps Script service call leaves the
 * script's V8 for Google's servers and back; the 6-minute limit counts that time [§1.7a]. The
 * runtime charges each call a latency by its kind to a simulated clock (a real clock lives it),
 * so a long publish — hundreds of sheet calls — counts toward the limit as it does in Google.
 *
 * Defaults (ms), per call. Measured by others where noted, else estimates erring slow:
 * - propertiesRead 30, propertiesWrite 60: getProperty averages 30 ms, setProperty 62 ms over
 *   100 runs (ziritione.org/post/apps_script_performance);
 * - cacheRead 20, cacheWrite 60: get 3–23 ms, put 52–93 ms, remove about 90 ms (same page;
 *   qiita.com/mitonattou919/items/a0fdd1a9e4559ee4a512);
 * - sheetRead 100: a call that returns cell contents or formats (getValues…) commits the pending
 *   writes first and waits for the answer (Google: "every time you do a read, we must first
 *   empty the write cache"; googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations);
 * - sheetWrite 30: writes are queued, a single setValues of 4 000 cells took under 50 ms;
 *   flush 500: the same write with flush() took 610 ms (a measurement quoted on Stack Overflow,
 *   "What is faster: ScriptDb or SpreadsheetApp?");
 * - sheetMeta 30: sheet lists, sizes, developer metadata, protections (estimate);
 * - sheetStructure 150: inserting or deleting sheets, rows and columns, protecting, rules
 *   (estimate);
 * - lock 50, urlFetch 50 (the call's own overhead; the network time is fetchLatencyMs),
 *   triggersRead 100, triggersWrite 300, ui 50 (estimates);
 * - handle 1: getting an object (getActive, getSheetByName's sheet object, getRange, builders);
 * - local 0: Utilities, Logger, Blob, HTML templates, reading a fetched response.
 */

export const CALL_KINDS = [
  'local',
  'handle',
  'sheetMeta',
  'sheetRead',
  'sheetWrite',
  'sheetStructure',
  'flush',
  'propertiesRead',
  'propertiesWrite',
  'cacheRead',
  'cacheWrite',
  'lock',
  'urlFetch',
  'triggersRead',
  'triggersWrite',
  'ui',
] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export type LatencyTable = Record<CallKind, number>;

export const DEFAULT_LATENCY_MS: Readonly<LatencyTable> = {
  local: 0,
  handle: 1,
  sheetMeta: 30,
  sheetRead: 100,
  sheetWrite: 30,
  sheetStructure: 150,
  flush: 500,
  propertiesRead: 30,
  propertiesWrite: 60,
  cacheRead: 20,
  cacheWrite: 60,
  lock: 50,
  urlFetch: 50,
  triggersRead: 100,
  triggersWrite: 300,
  ui: 50,
};

/** no latency at all: for tests of the services themselves, whose clock moves only when told */
export const NO_LATENCY: Readonly<LatencyTable> = Object.fromEntries(
  CALL_KINDS.map((k) => [k, 0]),
) as unknown as LatencyTable; // fromEntries loses the key type; every kind is listed above

const LOCAL_TYPES = new Set([
  'Utilities',
  'Logger',
  'Blob',
  'HTTPResponse',
  'HtmlService',
  'HtmlOutput',
  'HtmlTemplate',
  'User',
  'StateTokenBuilder',
  'ConditionalFormatRuleBuilder',
  'ConditionalFormatRule',
  'BooleanCondition',
  'GradientCondition',
  'EmbeddedChartBuilder',
  'DeveloperMetadataLocation',
  'TriggerBuilder',
  'SpreadsheetTriggerBuilder',
  'Trigger',
]);

/** reads of cell contents and formats */
const CELL_READ =
  /^(get(Values|Value|DisplayValues|DisplayValue|Formulas|Formula|NumberFormats|NumberFormat|FontWeights|FontWeight|FontColors|Backgrounds|Background|Notes|Note)|isBlank)$/;
const SHEET_STRUCTURE =
  /^(insert|delete|protect$|setConditionalFormatRules|clearConditionalFormatRules|hideSheet|showSheet|setFrozen|autoResize|insertChart|updateChart|removeChart|addDeveloperMetadata|merge|breakApart|createFilter)/;

/** The kind of a service call, from its `Type.method` key. */
export function callKind(key: string): CallKind {
  const dot = key.indexOf('.');
  const type = key.slice(0, dot);
  const m = key.slice(dot + 1);
  if (LOCAL_TYPES.has(type)) return type === 'Trigger' ? 'handle' : 'local';
  switch (type) {
    case 'Properties':
      return m.startsWith('get') ? 'propertiesRead' : 'propertiesWrite';
    case 'Cache':
      return m.startsWith('get') ? 'cacheRead' : 'cacheWrite';
    case 'Lock':
      return m === 'hasLock' ? 'handle' : 'lock';
    case 'UrlFetchApp':
      return m === 'getRequest' ? 'local' : 'urlFetch';
    case 'ScriptApp':
      if (m === 'getProjectTriggers' || m === 'getUserTriggers') return 'triggersRead';
      return m === 'deleteTrigger' ? 'triggersWrite' : 'handle';
    case 'ClockTriggerBuilder':
      return m === 'create' ? 'triggersWrite' : 'local';
    case 'Ui':
    case 'Menu':
      return m === 'alert' || m === 'prompt'
        ? 'local'
        : m === 'addToUi' || m.startsWith('show') || m.startsWith('create')
          ? 'ui'
          : 'local';
    case 'SpreadsheetApp':
      return m === 'flush' ? 'flush' : 'handle';
    case 'Spreadsheet':
      if (m === 'toast') return 'ui';
      if (
        /^(getSheets|getNumSheets|getSheetByName|getSheetById|getDeveloperMetadata|getProtections|getNamedRanges|getRangeByName)$/.test(
          m,
        )
      )
        return 'sheetMeta';
      if (
        /^(insertSheet|deleteSheet|addDeveloperMetadata|setNamedRange|removeNamedRange|rename|setSpreadsheet)/.test(
          m,
        )
      )
        return 'sheetStructure';
      return 'handle';
    case 'Sheet':
    case 'Range':
      if (CELL_READ.test(m)) return 'sheetRead';
      if (SHEET_STRUCTURE.test(m)) return 'sheetStructure';
      if (/^(set|clear|appendRow)/.test(m)) return 'sheetWrite';
      if (
        /^(getLastRow|getLastColumn|getMaxRows|getMaxColumns|getDataRange|getFrozen|getColumnWidth|getConditionalFormatRules|getProtections|getDeveloperMetadata|getCharts|getFilter|isSheetHidden|getTabColor)$/.test(
          m,
        )
      )
        return 'sheetMeta';
      return 'handle';
    case 'Protection':
      return /^(get|is|can)/.test(m) ? 'sheetMeta' : 'sheetStructure';
    case 'DeveloperMetadata':
      return /^(setValue|remove)$/.test(m) ? 'sheetWrite' : 'handle';
    case 'DeveloperMetadataFinder':
      return m === 'find' ? 'sheetMeta' : 'local';
    case 'EmbeddedChart':
      return m === 'getAs' || m === 'getBlob' ? 'sheetRead' : 'handle';
    case 'Filter':
      return m === 'remove' ? 'sheetWrite' : 'handle';
    default:
      // PropertiesService, CacheService, LockService, Session: handing out an object or a setting
      return 'handle';
  }
}
