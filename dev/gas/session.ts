/** Session: the script's time zone and the user running the execution. [UTIL] */
import type { Host } from './host';

class UserView {
  readonly gasType = 'User';
  constructor(private readonly _email: string) {}
  getEmail(): string {
    return this._email;
  }
}

export class SessionView {
  readonly gasType = 'Session';
  constructor(private readonly _host: Host) {}
  getScriptTimeZone(): string {
    return this._host.manifest.timeZone ?? 'America/New_York';
  }
  getActiveUser(): UserView {
    return new UserView(this._host.current().user);
  }
  getEffectiveUser(): UserView {
    return new UserView(this._host.current().user);
  }
  getActiveUserLocale(): string {
    return 'ru';
  }
  getTemporaryActiveUserKey(): string {
    return Buffer.from(this._host.current().user).toString('base64url');
  }
}
