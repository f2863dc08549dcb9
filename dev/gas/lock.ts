/**
 * LockService. A lock belongs to one execution; another execution cannot take it until it is
 * released or its holder ends. Waiting passes time on the clock. [LOCK]
 */
import type { Host } from './host';

export type LockTable = Map<string, number>;

export class LockView {
  readonly gasType = 'Lock';
  constructor(
    private readonly _host: Host,
    private readonly _table: LockTable,
    private readonly _key: string,
  ) {}
  private _free(): boolean {
    const owner = this._table.get(this._key);
    return owner === undefined || owner === this._host.current().id;
  }
  tryLock(timeoutInMillis: number): boolean {
    if (this._free()) {
      this._table.set(this._key, this._host.current().id);
      return true;
    }
    // Nothing else runs while this execution waits, so the holder cannot release meanwhile.
    this._host.clock.sleep(Math.max(0, timeoutInMillis));
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis))
      this._host.fail('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock(): boolean {
    return this._table.get(this._key) === this._host.current().id;
  }
  releaseLock(): void {
    if (this.hasLock()) this._table.delete(this._key);
  }
}

export class LockServiceView {
  readonly gasType = 'LockService';
  constructor(
    private readonly _host: Host,
    private readonly _table: LockTable,
  ) {}
  getScriptLock(): LockView {
    return new LockView(this._host, this._table, 'script');
  }
  getDocumentLock(): LockView {
    return new LockView(this._host, this._table, 'document');
  }
  getUserLock(): LockView {
    return new LockView(this._host, this._table, `user:${this._host.current().user}`);
  }
}
