/**
 * Protection of a sheet or range. [PROT] A new protection mirrors the file's editors until the
 * script changes them; neither the owner nor the current user can be removed; only the owner and
 * the protection's editors may change it. [reference spreadsheet/protection]
 */
import { manageRefusal } from '../access';
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
  /** the protection, for a change the running user must be allowed to make */
  private get _pw(): ProtectionState {
    const p = this._p;
    const refusal = manageRefusal(this._doc.host.sharing(), this._doc.host.current().user, p);
    if (refusal) this._doc.host.fail(refusal);
    return p;
  }
  getProtectionType(): string {
    return this._p.kind;
  }
  getDescription(): string {
    return this._p.description;
  }
  setDescription(d: string): this {
    this._pw.description = String(d);
    return this;
  }
  isWarningOnly(): boolean {
    return this._p.warningOnly;
  }
  setWarningOnly(w: boolean): this {
    const p = this._pw;
    if (w && p.editors.length > 1) {
      // Sheets API: editors are not supported with warningOnly protection.
      p.editors = [this._doc.host.current().user];
    }
    p.warningOnly = Boolean(w);
    return this;
  }
  getEditors(): UserView[] {
    return this._p.editors.map((e) => new UserView(e));
  }
  addEditor(e: string | UserView): this {
    return this.addEditors([e]);
  }
  addEditors(es: Array<string | UserView>): this {
    const p = this._pw;
    for (const e of es) {
      const email = typeof e === 'string' ? e : e.getEmail();
      if (!p.editors.includes(email)) p.editors.push(email);
    }
    return this;
  }
  removeEditor(e: string | UserView): this {
    return this.removeEditors([e]);
  }
  removeEditors(es: Array<string | UserView>): this {
    const p = this._pw;
    const gone = new Set(es.map((e) => (typeof e === 'string' ? e : e.getEmail())));
    const me = this._doc.host.current().user;
    // "Neither the owner of the spreadsheet nor the current user can be removed."
    p.editors = p.editors.filter((e) => !gone.has(e) || e === me || this._doc.host.isOwner(e));
    return this;
  }
  canEdit(): boolean {
    const me = this._doc.host.current().user;
    return this._doc.host.isOwner(me) || this._p.warningOnly || this._p.editors.includes(me);
  }
  canDomainEdit(): boolean {
    return this._p.domainEdit;
  }
  setDomainEdit(b: boolean): this {
    this._pw.domainEdit = Boolean(b);
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
    this._pw.unprotected = ranges.map((r): GridRange => ({ ...r._grid }));
    return this;
  }
  getUnprotectedRanges(): RangeView[] {
    return this._p.unprotected.map((g) => new RangeView(this._doc, g));
  }
  remove(): void {
    void this._pw;
    const sheet = this._doc.sheetById(this._sheetId);
    sheet.protections = sheet.protections.filter((x) => x.id !== this._id);
  }
}
