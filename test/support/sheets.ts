/** A small rating-like sheet with green/yellow rules on plan % and a red rule on overdue tasks. */
export const TRAFFIC_LIGHT_SHEET = `
  const ss = SpreadsheetApp.getActive();
  const sh = ss.insertSheet('Неделя');
  const rows = [
    ['Менеджер', 'Баллы', 'План %', 'Просрочено'],
    ['Анна', 120.5, 1.2, 0],
    ['Борис', 60, 0.6, 1],
    ['Вера', 10, 0.2, 7],
    ['=HYPERLINK("http://x","y")', 0, 0, 0],
  ];
  sh.getRange(1, 1, 1, 1).setValue('x');
  sh.getRange(1, 1, rows.length, 4).setNumberFormats(rows.map((r, i) => ['@', '0.0', '0%', '0']));
  sh.getRange(1, 1, rows.length, 4).setValues(rows);
  sh.getRange(1, 1, 1, 4).setFontWeight('bold').setBackground('#e8eaed');
  sh.getRange('B1').setNote('Сумма баллов за период');
  sh.setFrozenRows(1);
  sh.setColumnWidth(1, 160);
  const pct = sh.getRange('C2:C5');
  const green = SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThanOrEqualTo(1).setBackground('#b7e1cd').setRanges([pct]).build();
  const yellow = SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThanOrEqualTo(0.5).setBackground('#fce8b2').setRanges([pct]).build();
  const red = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$D2>3').setBackground('#f4c7c3').setFontColor('#a50e0e').setRanges([sh.getRange('D2:D5')]).build();
  sh.setConditionalFormatRules([green, yellow, red]);
  sh.insertChart(sh.newChart().asBarChart().addRange(sh.getRange('A1:B5')).setNumHeaders(1).setOption('title', 'Баллы').setPosition(1, 6, 0, 0).build());
`;
