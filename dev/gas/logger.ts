/** Logger and console: both write to the execution log (Cloud Logging in Apps Script). [V8] */
import { format } from 'node:util';
import type { Host } from './host';

export interface LogEntry {
  at: number;
  level: string;
  message: string;
  execution: number;
}

export class LoggerView {
  readonly gasType = 'Logger';
  private _buffer: string[] = [];
  constructor(private readonly _host: Host) {}
  log(data: unknown, ...values: unknown[]): this {
    const msg =
      typeof data === 'string' && values.length
        ? data.replace(/%s/g, () => String(values.shift()))
        : format(data, ...values);
    this._buffer.push(msg);
    this._host.log('INFO', msg);
    return this;
  }
  getLog(): string {
    return this._buffer.join('\n');
  }
  clear(): void {
    this._buffer = [];
  }
}

export function makeConsole(host: Host): Record<string, (...a: unknown[]) => void> {
  const at =
    (level: string) =>
    (...a: unknown[]) =>
      host.log(level, format(...a));
  return {
    log: at('INFO'),
    info: at('INFO'),
    warn: at('WARNING'),
    error: at('ERROR'),
    debug: at('DEBUG'),
    time: () => undefined,
    timeEnd: () => undefined,
  };
}
