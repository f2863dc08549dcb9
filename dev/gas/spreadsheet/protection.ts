/** Protection of a sheet or range. [PROT] */
import type { GridRange, ProtectionState } from '../model';
import type { SpreadsheetDocument } from './document';
import { RangeView } from './range';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

class UserView {
  readonly gasType = 'User';
  constructor(private readonly _email: string) {}
  getEmail(): string {
    return this._email;
  }
}

export class ProtectionView {
  readonly gasType = 'Protection';
  constructor(
    private readonly _doc: SpreadsheetDocument,
    private readonly _sheetId: number,
    private readonly _id: number,
  ) {}
  private get _p(): ProtectionState {
    const p = this._doc.sheetById(this._sheetId).protections.find((x) => x.id === this._id);
    if (!p) this._doc.host.fail('The protection has been removed.');
    return p;
  }
  getProtectionType(): string {
    return this._p.kind;
  }
  getDescription(): string {
    return this._p.description;
  }
  setDescription(d: string): this {
    this._p.description = String(d);
    return this;
  }
  isWarningOnly(): boolean {
    return this._p.warningOnly;
  }
  setWarningOnly(w: boolean): this {
    if (w && this._p.editors.length > 1) {
      // Sheets API: editors are not supported with warningOnly protection.
      this._p.editors = [this._doc.host.current().user];
    }
    this._p.warningOnly = Boolean(w);
    return this;
  }
  getEditors(): UserView[] {
    return this._p.editors.map((e) => new UserView(e));
  }
  addEditor(e: string | UserView): this {
    return this.addEditors([e]);
  }
  addEditors(es: Array<string | UserView>): this {
    for (const e of es) {
      const email = typeof e === 'string' ? e : e.getEmail();
      if (!this._p.editors.includes(email)) this._p.editors.push(email);
    }
    return this;
  }
  removeEditor(e: string | UserView): this {
    return this.removeEditors([e]);
  }
  removeEditors(es: Array<string | UserView>): this {
    const gone = new Set(es.map((e) => (typeof e === 'string' ? e : e.getEmail())));
    const owner = this._doc.host.current().user;
    // The spreadsheet owner always keeps edit rights.
    this._p.editors = this._p.editors.filter((e) => !gone.has(e) || e === owner);
    return this;
  }
  canEdit(): boolean {
    return this._p.warningOnly || this._p.editors.includes(this._doc.host.current().user);
  }
  canDomainEdit(): boolean {
    return this._p.domainEdit;
  }
  setDomainEdit(b: boolean): this {
    this._p.domainEdit = Boolean(b);
    return this;
  }
  getRange(): RangeView {
    const p = this._p;
    const sheet = this._doc.sheetById(this._sheetId);
    return new RangeView(
      this._doc,
      p.range ?? {
        sheetId: sheet.id,
        row: 1,
        col: 1,
        numRows: sheet.maxRows,
        numCols: sheet.maxCols,
      },
    );
  }
  setUnprotectedRanges(ranges: RangeView[]): this {
    if (this._p.kind !== 'SHEET')
      this._doc.host.fail('Unprotected ranges can only be set on a sheet protection.');
    this._p.unprotected = ranges.map((r): GridRange => ({ ...r._grid }));
    return this;
  }
  getUnprotectedRanges(): RangeView[] {
    return this._p.unprotected.map((g) => new RangeView(this._doc, g));
  }
  remove(): void {
    const sheet = this._doc.sheetById(this._sheetId);
    sheet.protections = sheet.protections.filter((x) => x.id !== this._id);
  }
}
