/**
 * The week's points chart as a PNG, made by Apps Script from the chart on the week's sheet
 * (`EmbeddedChart.getAs('image/png')`): what the Monday post carries as its photo. Pending writes
 * are flushed first (a chart read right after its sheet changed can come out blank). No new
 * scope: the chart is part of the spreadsheet. [docs/services.md §2.5]
 */
import { findSheet } from '../workbook/our-sheets';

/** a PNG smaller than this holds no chart (Apps Script can hand back an empty picture) */
const EMPTY_PNG_BYTES = 200;

export function weekChartPng(): GoogleAppsScript.Base.Blob | null {
  const sheet = findSheet('week');
  const chart = sheet?.getCharts()[0];
  if (!chart) return null;
  SpreadsheetApp.flush();
  const blob = chart.getAs('image/png');
  if (blob.getBytes().length < EMPTY_PNG_BYTES) return null;
  return blob.setName('rating-week.png');
}
