/**
 * Every Apps Script method the runtime answers, with what Google's reference page says about it:
 * the authorization scopes (any one of them), the contexts it refuses, and where that is written.
 * A call to a method missing here fails the run with a message to look it up first: the runtime
 * must never be more lenient than Google about a method nobody checked. [docs/services.md §5.2;
 * https://developers.google.com/apps-script/reference/<page> for each row]
 */
import type { ExecutionKind } from './host';

export interface MethodRule {
  /** any one of these must be in the manifest's oauthScopes; empty: no scope needed */
  scopes: readonly string[];
  /** execution kinds in which Google refuses the call */
  refusedIn: readonly ExecutionKind[];
  /** the reference page (and anchor) the row is taken from */
  source: string;
}

const REF = 'https://developers.google.com/apps-script/reference/';
export const SCOPE = {
  sheetsCurrent: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  external: 'https://www.googleapis.com/auth/script.external_request',
  ui: 'https://www.googleapis.com/auth/script.container.ui',
  scriptapp: 'https://www.googleapis.com/auth/script.scriptapp',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  bigquery: 'https://www.googleapis.com/auth/bigquery',
} as const;

const SHEETS = [SCOPE.sheetsCurrent, SCOPE.sheets];
/** services that need authorization: refused in simple triggers and in AuthMode.NONE [TRIG-S] */
const AUTHORIZED: ExecutionKind[] = ['simpleTrigger', 'addonNone'];
/** AuthMode.NONE allows the menu and nothing else [AUTHMODE, EDAUTH] */
const NOT_IN_NONE: ExecutionKind[] = ['addonNone'];
/** no user in front of a document: no UI [UI; docs/services.md §2.1] */
const NO_UI: ExecutionKind[] = ['timeTrigger', 'editor', 'callback', 'addonNone'];

const table = new Map<string, MethodRule>();

function rows(
  type: string,
  page: string,
  rule: { scopes?: readonly string[]; refusedIn?: readonly ExecutionKind[] },
  names: string,
): void {
  for (const name of names.split(/\s+/).filter(Boolean))
    table.set(`${type}.${name}`, {
      scopes: rule.scopes ?? [],
      refusedIn: rule.refusedIn ?? NOT_IN_NONE,
      source: `${REF}${page}#${name}`,
    });
}

// ------------------------------------------------------------------ spreadsheet
rows(
  'SpreadsheetApp',
  'spreadsheet/spreadsheet-app',
  { scopes: SHEETS },
  'getActive getActiveSpreadsheet getActiveSheet openById flush newConditionalFormatRule newDataValidation',
);
// getUi needs no scope; only a context with a user in front of the document has one
rows(
  'SpreadsheetApp',
  'spreadsheet/spreadsheet-app',
  { refusedIn: ['timeTrigger', 'editor', 'callback'] },
  'getUi',
);
rows(
  'Spreadsheet',
  'spreadsheet/spreadsheet',
  { scopes: SHEETS },
  'getId getName rename getUrl getSpreadsheetTimeZone setSpreadsheetTimeZone getSpreadsheetLocale setSpreadsheetLocale getSheets getNumSheets getSheetByName getSheetById getActiveSheet setActiveSheet addDeveloperMetadata getDeveloperMetadata createDeveloperMetadataFinder insertSheet deleteSheet getRange setNamedRange getRangeByName removeNamedRange getNamedRanges getProtections toast',
);
rows(
  'Sheet',
  'spreadsheet/sheet',
  { scopes: SHEETS },
  'getName setName getSheetId getSheetName getIndex getParent activate getFilter addDeveloperMetadata getDeveloperMetadata createDeveloperMetadataFinder getMaxRows getMaxColumns getLastRow getLastColumn getRange getDataRange appendRow insertRowsAfter insertRowsBefore insertRows insertRowAfter insertRowBefore deleteRows deleteRow insertColumnsAfter insertColumnsBefore insertColumns insertColumnAfter insertColumnBefore deleteColumns deleteColumn clear clearContents clearFormats clearNotes setFrozenRows setFrozenColumns getFrozenRows getFrozenColumns setColumnWidth setColumnWidths getColumnWidth setRowHeight autoResizeColumns autoResizeColumn hideSheet showSheet isSheetHidden setTabColor getTabColor getConditionalFormatRules setConditionalFormatRules clearConditionalFormatRules protect getProtections newChart insertChart updateChart removeChart getCharts',
);
rows(
  'Range',
  'spreadsheet/range',
  { scopes: SHEETS },
  'getRow getColumn getNumRows getNumColumns getLastRow getLastColumn getA1Notation getSheet getCell offset getValues getValue getDisplayValues getDisplayValue setValues setValue getFormulas getFormula setFormulas setFormula isBlank getNumberFormats getNumberFormat setNumberFormat setNumberFormats setFontWeight setFontWeights getFontWeights getFontWeight setFontStyle setFontSize setFontColor setFontColors getFontColors setBackground setBackgrounds getBackgrounds getBackground setHorizontalAlignment setHorizontalAlignments setVerticalAlignment setWrap setWrapStrategy setBorder setNote setNotes getNotes getNote clear clearContent clearFormat clearNote merge breakApart getMergedRanges createFilter getFilter protect activate setDataValidation getDataValidation clearDataValidations',
);
rows('Filter', 'spreadsheet/filter', { scopes: SHEETS }, 'getRange remove');
rows(
  'Protection',
  'spreadsheet/protection',
  { scopes: SHEETS },
  'getProtectionType getDescription setDescription isWarningOnly setWarningOnly getEditors addEditor addEditors removeEditor removeEditors canEdit canDomainEdit setDomainEdit getRange setUnprotectedRanges getUnprotectedRanges remove',
);
rows(
  'DeveloperMetadata',
  'spreadsheet/developer-metadata',
  { scopes: SHEETS },
  'getId getKey getValue setValue getVisibility getLocation remove',
);
rows(
  'DeveloperMetadataFinder',
  'spreadsheet/developer-metadata-finder',
  { scopes: SHEETS },
  'withKey withValue withLocationType withVisibility find',
);
rows(
  'DeveloperMetadataLocation',
  'spreadsheet/developer-metadata-location',
  { scopes: SHEETS },
  'getLocationType getSheet',
);
rows(
  'ConditionalFormatRuleBuilder',
  'spreadsheet/conditional-format-rule-builder',
  { scopes: SHEETS },
  'whenCellEmpty whenCellNotEmpty whenNumberGreaterThan whenNumberGreaterThanOrEqualTo whenNumberLessThan whenNumberLessThanOrEqualTo whenNumberEqualTo whenNumberNotEqualTo whenNumberBetween whenNumberNotBetween whenTextContains whenTextDoesNotContain whenTextEqualTo whenTextStartsWith whenTextEndsWith whenDateAfter whenDateBefore whenDateEqualTo whenFormulaSatisfied withCriteria setBackground setFontColor setBold setItalic setStrikethrough setUnderline setGradientMinpoint setGradientMaxpoint setGradientMinpointWithValue setGradientMidpointWithValue setGradientMaxpointWithValue setRanges getRanges getBooleanCondition getGradientCondition copy build',
);
rows(
  'ConditionalFormatRule',
  'spreadsheet/conditional-format-rule',
  { scopes: SHEETS },
  'getRanges getBooleanCondition getGradientCondition copy',
);
rows(
  'BooleanCondition',
  'spreadsheet/boolean-condition',
  { scopes: SHEETS },
  'getCriteriaType getCriteriaValues getBackgroundObject getBackground getFontColor getBold getItalic getStrikethrough getUnderline',
);
rows(
  'GradientCondition',
  'spreadsheet/gradient-condition',
  { scopes: SHEETS },
  'getMinColor getMinType getMinValue getMidColor getMidType getMidValue getMaxColor getMaxType getMaxValue',
);
rows(
  'DataValidationBuilder',
  'spreadsheet/data-validation-builder',
  { scopes: SHEETS },
  'requireValueInRange requireValueInList setAllowInvalid setHelpText getAllowInvalid getCriteriaType build',
);
rows(
  'DataValidation',
  'spreadsheet/data-validation',
  { scopes: SHEETS },
  'getCriteriaType getCriteriaValues getAllowInvalid getHelpText copy',
);
rows(
  'EmbeddedChartBuilder',
  'spreadsheet/embedded-chart-builder',
  { scopes: SHEETS },
  'addRange removeRange clearRanges setChartType setOption setPosition setNumHeaders setTransposeRowsAndColumns asBarChart asColumnChart asLineChart asPieChart setTitle setColors setStacked setLegendPosition setXAxisTitle setYAxisTitle setRange build',
);
rows(
  'EmbeddedChart',
  'spreadsheet/embedded-chart',
  { scopes: SHEETS },
  'getChartId getId getRanges getOptions modify getAs getBlob',
);

// ------------------------------------------------------------------ UI
rows(
  'Ui',
  'base/ui',
  { refusedIn: NO_UI.filter((k) => k !== 'addonNone') },
  'createMenu createAddonMenu',
);
rows('Ui', 'base/ui', { refusedIn: NO_UI }, 'alert prompt');
rows(
  'Ui',
  'base/ui',
  { scopes: [SCOPE.ui], refusedIn: [...NO_UI, 'simpleTrigger'] },
  'showSidebar showModalDialog showModelessDialog',
);
rows('Menu', 'base/menu', { refusedIn: [] }, 'addItem addSeparator addSubMenu addToUi');
rows(
  'HtmlService',
  'html/html-service',
  {},
  'createHtmlOutput createHtmlOutputFromFile createTemplate createTemplateFromFile',
);
rows(
  'HtmlOutput',
  'html/html-output',
  {},
  'getContent setContent append appendUntrusted clear setTitle getTitle setWidth setHeight getWidth getHeight setSandboxMode setXFrameOptionsMode addMetaTag setFaviconUrl getAs',
);
rows('HtmlTemplate', 'html/html-template', {}, 'getCode evaluate');

// ------------------------------------------------------------------ script
rows(
  'ScriptApp',
  'script/script-app',
  { scopes: [SCOPE.scriptapp], refusedIn: AUTHORIZED },
  'newTrigger getProjectTriggers getUserTriggers deleteTrigger',
);
rows(
  'ScriptApp',
  'script/script-app',
  {},
  'getScriptId getOAuthToken getService newStateToken getAuthorizationInfo',
);
rows(
  'TriggerBuilder',
  'script/trigger-builder',
  { scopes: [SCOPE.scriptapp], refusedIn: AUTHORIZED },
  'timeBased forSpreadsheet',
);
rows(
  'ClockTriggerBuilder',
  'script/clock-trigger-builder',
  { scopes: [SCOPE.scriptapp], refusedIn: AUTHORIZED },
  'everyMinutes everyHours everyDays everyWeeks atHour nearMinute onWeekDay onMonthDay inTimezone after at atDate create',
);
rows(
  'SpreadsheetTriggerBuilder',
  'script/spreadsheet-trigger-builder',
  { scopes: [SCOPE.scriptapp], refusedIn: AUTHORIZED },
  'onOpen onEdit onChange onFormSubmit',
);
rows(
  'Trigger',
  'script/trigger',
  { scopes: [SCOPE.scriptapp] },
  'getHandlerFunction getUniqueId getEventType getTriggerSource getTriggerSourceId',
);
rows(
  'StateTokenBuilder',
  'script/state-token-builder',
  {},
  'withMethod withArgument withTimeout createToken',
);

// ------------------------------------------------------------------ base, storage, utilities
rows(
  'Session',
  'base/session',
  {},
  'getScriptTimeZone getActiveUserLocale getTemporaryActiveUserKey',
);
// the user's identity needs userinfo.email: a call without it throws [SESSION]
rows('Session', 'base/session', { scopes: [SCOPE.email] }, 'getActiveUser getEffectiveUser');
// no scope: it may return a blank string where the address is not available [base/user]
rows('User', 'base/user', {}, 'getEmail');
rows(
  'PropertiesService',
  'properties/properties-service',
  {},
  'getScriptProperties getUserProperties getDocumentProperties',
);
rows(
  'Properties',
  'properties/properties',
  {},
  'getProperty getProperties getKeys setProperty setProperties deleteProperty deleteAllProperties',
);
rows('CacheService', 'cache/cache-service', {}, 'getScriptCache getUserCache getDocumentCache');
rows('Cache', 'cache/cache', {}, 'get getAll put putAll remove removeAll');
rows('LockService', 'lock/lock-service', {}, 'getScriptLock getDocumentLock getUserLock');
rows('Lock', 'lock/lock', {}, 'tryLock waitLock hasLock releaseLock');
rows('Logger', 'base/logger', { refusedIn: [] }, 'log getLog clear');
rows(
  'Utilities',
  'utilities/utilities',
  {},
  'formatDate parseDate formatString sleep getUuid base64Encode base64EncodeWebSafe base64Decode base64DecodeWebSafe computeDigest computeHmacSignature computeHmacSha256Signature newBlob gzip ungzip jsonParse jsonStringify parseCsv',
);
rows(
  'Blob',
  'base/blob',
  {},
  'getBytes setBytes getDataAsString setDataFromString getContentType setContentType getName setName copyBlob getBlob isGoogleType getAs',
);
// ------------------------------------------------------------------ BigQuery (advanced service)
// BigQuery API v2 methods; writing (load jobs) needs the full scope, not bigquery.readonly
// [docs/services.md, BigQuery §1.3–1.4; https://developers.google.com/apps-script/advanced/bigquery]
for (const [type, names] of [
  ['BigQuery.Jobs', 'query getQueryResults get insert'],
  ['BigQuery.Datasets', 'get insert'],
  ['BigQuery.Tables', 'get insert'],
] as const)
  for (const name of names.split(' '))
    table.set(`${type}.${name}`, {
      scopes: [SCOPE.bigquery, 'https://www.googleapis.com/auth/cloud-platform'],
      refusedIn: AUTHORIZED,
      source: 'https://developers.google.com/apps-script/advanced/bigquery',
    });

rows(
  'UrlFetchApp',
  'url-fetch/url-fetch-app',
  { scopes: [SCOPE.external], refusedIn: AUTHORIZED },
  'fetch fetchAll getRequest',
);
rows(
  'HTTPResponse',
  'url-fetch/http-response',
  { scopes: [SCOPE.external] },
  'getResponseCode getContentText getContent getBlob getAs getHeaders getAllHeaders',
);

export const METHOD_TABLE: ReadonlyMap<string, MethodRule> = table;

/** The message Google shows when a scope is missing from an explicit oauthScopes list. */
export function permissionMessage(key: string, rule: MethodRule): string {
  return `You do not have permission to call ${key}. Required permissions: ${rule.scopes.join(' || ')}`;
}
