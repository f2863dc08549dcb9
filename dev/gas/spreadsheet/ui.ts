/** The spreadsheet UI: menus, alerts, sidebars and dialogs, recorded so a test sees what a user would. [UI] */
import type { Host } from '../host';

export interface MenuItem {
  caption: string;
  functionName?: string;
  separator?: boolean;
  submenu?: Menu;
}

export interface Menu {
  caption: string;
  items: MenuItem[];
  addon: boolean;
}

export interface ShownPage {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width?: number;
  height?: number;
  at: number;
}

export interface UiRecord {
  /** the script project's name: what an add-on menu is called */
  projectName: string;
  menus: Menu[];
  alerts: Array<{ title: string; prompt: string; buttons: string; at: number }>;
  pages: ShownPage[];
  /** what the next alert/prompt "clicks" */
  nextAlertResponse: string;
  nextPromptText: string;
}

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export function newUiRecord(projectName = 'Рейтинг менеджеров'): UiRecord {
  return {
    projectName,
    menus: [],
    alerts: [],
    pages: [],
    nextAlertResponse: Button.OK,
    nextPromptText: '',
  };
}

export class MenuView {
  readonly gasType = 'Menu';
  constructor(
    private readonly _ui: UiRecord,
    readonly _menu: Menu,
  ) {}
  addItem(caption: string, functionName: string): this {
    this._menu.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    this._menu.items.push({ caption: '', separator: true });
    return this;
  }
  addSubMenu(menu: MenuView): this {
    this._menu.items.push({ caption: menu._menu.caption, submenu: menu._menu });
    return this;
  }
  addToUi(): void {
    this._ui.menus = this._ui.menus.filter((m) => m.caption !== this._menu.caption);
    this._ui.menus.push(this._menu);
  }
}

interface HtmlOutputLike {
  _title: string;
  _content(): string;
  _width?: number;
  _height?: number;
}

export class UiView {
  readonly gasType = 'Ui';
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(
    private readonly _host: Host,
    private readonly _ui: UiRecord,
  ) {}
  createMenu(caption: string): MenuView {
    return new MenuView(this._ui, { caption: String(caption), items: [], addon: false });
  }
  /** Extensions → the add-on's name, or the script project's name when the script is bound [UI] */
  createAddonMenu(): MenuView {
    return new MenuView(this._ui, { caption: this._ui.projectName, items: [], addon: true });
  }
  alert(a: string, b?: string, c?: string): string {
    const [title, prompt, buttons] =
      b === undefined ? ['', a, ButtonSet.OK] : c === undefined ? ['', a, b] : [a, b, c];
    this._ui.alerts.push({ title, prompt, buttons, at: this._host.clock.now() });
    return this._ui.nextAlertResponse;
  }
  prompt(
    a: string,
    b?: string,
    c?: string,
  ): { getResponseText(): string; getSelectedButton(): string } {
    this.alert(a, b, c);
    const text = this._ui.nextPromptText;
    const button = this._ui.nextAlertResponse;
    return { getResponseText: () => text, getSelectedButton: () => button };
  }
  private _show(kind: ShownPage['kind'], out: HtmlOutputLike, title?: string): void {
    this._ui.pages.push({
      kind,
      title: title ?? out._title,
      html: out._content(),
      width: kind === 'sidebar' ? 300 : out._width,
      height: out._height,
      at: this._host.clock.now(),
    });
  }
  showSidebar(out: HtmlOutputLike): void {
    this._show('sidebar', out);
  }
  showModalDialog(out: HtmlOutputLike, title: string): void {
    this._show('modal', out, title);
  }
  showModelessDialog(out: HtmlOutputLike, title: string): void {
    this._show('modeless', out, title);
  }
}
