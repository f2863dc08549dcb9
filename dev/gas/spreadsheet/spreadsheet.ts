/** Spreadsheet: sheets, named ranges, time zone, toasts. [SS] */
import { isValidTimeZone } from '../zoned-time';
import { newSheetState, parseA1 } from '../model';
import type { SpreadsheetDocument } from './document';
import { ProtectionView } from './protection';
import { RangeView } from './range';
import { SheetView } from './sheet';
import { addMetadata, DeveloperMetadataFinderView, type DeveloperMetadataView } from './metadata';

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
  at: number;
}

export class SpreadsheetView {
  readonly gasType = 'Spreadsheet';
  constructor(
    readonly _doc: SpreadsheetDocument,
    readonly _toasts: Toast[] = [],
  ) {
    _doc.sheetView = (id) => new SheetView(_doc, id);
  }
  private get _st() {
    return this._doc.state;
  }
  /** the state, for a change to the file that the running user must be allowed to make */
  private get _w() {
    this._doc.host.assertCanEdit(null, null);
    return this._doc.state;
  }
  getId(): string {
    return this._st.id;
  }
  getName(): string {
    return this._st.name;
  }
  rename(name: string): void {
    this._w.name = String(name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._st.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this._st.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    if (!isValidTimeZone(tz)) this._doc.host.fail(`Invalid argument: timeZone`);
    this._w.timeZone = tz;
  }
  getSpreadsheetLocale(): string {
    return this._st.locale;
  }
  setSpreadsheetLocale(l: string): void {
    this._w.locale = String(l);
  }
  getSheets(): SheetView[] {
    return this._st.sheets.map((s) => new SheetView(this._doc, s.id));
  }
  getNumSheets(): number {
    return this._st.sheets.length;
  }
  getSheetByName(name: string): SheetView | null {
    const s = this._doc.sheetByName(String(name));
    return s ? new SheetView(this._doc, s.id) : null;
  }
  getSheetById(id: number): SheetView | null {
    return this._st.sheets.some((s) => s.id === id) ? new SheetView(this._doc, id) : null;
  }
  getActiveSheet(): SheetView {
    const active = this._st.sheets.find((x) => x.id === this._st.activeSheetId);
    return new SheetView(this._doc, (active ?? this._st.sheets[0])?.id ?? 0);
  }
  setActiveSheet(sheet: SheetView): SheetView {
    this._st.activeSheetId = sheet._id;
    return sheet;
  }
  addDeveloperMetadata(key: string, value?: string, visibility?: string): this {
    void this._w;
    addMetadata(this._doc, null, key, value, visibility);
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadataView[] {
    return new DeveloperMetadataFinderView(this._doc, null).withLocationType('SPREADSHEET').find();
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinderView {
    return new DeveloperMetadataFinderView(this._doc, null);
  }
  insertSheet(nameOrIndex?: string | number, index?: number): SheetView {
    void this._w;
    const name =
      typeof nameOrIndex === 'string' ? nameOrIndex : `Лист${this._st.sheets.length + 1}`;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? this._st.sheets.length);
    if (this._doc.sheetByName(name)) {
      this._doc.host.fail(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    const state = newSheetState(this._doc.nextId(), name);
    this._doc.assertCellRoom(state.maxRows * state.maxCols);
    this._st.sheets.splice(Math.min(at, this._st.sheets.length), 0, state);
    return new SheetView(this._doc, state.id);
  }
  deleteSheet(sheet: SheetView): void {
    void this._w;
    this._doc.host.assertCanEdit(sheet._id, null);
    if (this._st.sheets.length === 1)
      this._doc.host.fail("You can't remove all the sheets in a document.");
    this._st.sheets = this._st.sheets.filter((s) => s.id !== sheet._id);
    this._st.metadata = (this._st.metadata ?? []).filter((m) => m.sheetId !== sheet._id);
    if (this._st.activeSheetId === sheet._id) this._st.activeSheetId = undefined;
    this._st.namedRanges = this._st.namedRanges.filter((n) => n.range.sheetId !== sheet._id);
  }
  getRange(a1: string): RangeView {
    const bang = a1.lastIndexOf('!');
    const sheetName = bang >= 0 ? a1.slice(0, bang).replace(/^'(.*)'$/, '$1') : null;
    const sheet = sheetName ? this._doc.sheetByName(sheetName) : this._st.sheets[0];
    if (!sheet) this._doc.host.fail('Range not found');
    const g = parseA1(bang >= 0 ? a1.slice(bang + 1) : a1, sheet.maxRows, sheet.maxCols);
    if (!g) this._doc.host.fail('Range not found');
    return new RangeView(this._doc, { sheetId: sheet.id, ...g });
  }
  setNamedRange(name: string, range: RangeView): void {
    if (!/^[A-Za-z_][\w.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name))
      this._doc.host.fail(`Invalid argument: name`);
    this._w.namedRanges = this._st.namedRanges.filter((n) => n.name !== name);
    this._st.namedRanges.push({ name, range: { ...range._grid } });
  }
  getRangeByName(name: string): RangeView | null {
    const n = this._st.namedRanges.find((x) => x.name === name);
    return n ? new RangeView(this._doc, n.range) : null;
  }
  removeNamedRange(name: string): void {
    this._w.namedRanges = this._st.namedRanges.filter((n) => n.name !== name);
  }
  getNamedRanges(): Array<{ getName(): string; getRange(): RangeView; remove(): void }> {
    return this._st.namedRanges.map((n) => ({
      getName: () => n.name,
      getRange: () => new RangeView(this._doc, n.range),
      remove: () => this.removeNamedRange(n.name),
    }));
  }
  getProtections(type: string): ProtectionView[] {
    return this._st.sheets.flatMap((s) =>
      s.protections
        .filter((p) => p.kind === type)
        .map((p) => new ProtectionView(this._doc, s.id, p.id)),
    );
  }
  toast(message: string, title = '', timeoutSeconds = 5): void {
    this._toasts.push({
      message: String(message),
      title: String(title),
      timeoutSeconds,
      at: this._doc.host.clock.now(),
    });
  }
}
