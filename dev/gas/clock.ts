/**
 * Time as the bundle sees it. `new Date()`, `Date.now()`, trigger scheduling, `Utilities.sleep`,
 * cache expiry and the execution limit all read this clock, so a test can live through weeks in
 * seconds with a FakeClock, while the default RealClock behaves like the real thing.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): void;
  /** simulated clocks only: let time pass without waiting (used to charge simulated latency) */
  advance?(ms: number): void;
}

export class RealClock implements Clock {
  private readonly cell = new Int32Array(new SharedArrayBuffer(4));
  now(): number {
    return Date.now();
  }
  sleep(ms: number): void {
    if (ms > 0) Atomics.wait(this.cell, 0, 0, ms);
  }
}

export class FakeClock implements Clock {
  private t: number;
  constructor(start: number | string | Date) {
    this.t = new Date(start).getTime();
    if (Number.isNaN(this.t)) throw new Error(`FakeClock: bad start time ${String(start)}`);
  }
  now(): number {
    return this.t;
  }
  sleep(ms: number): void {
    this.advance(ms);
  }
  advance(ms: number): void {
    if (ms < 0) throw new Error('FakeClock cannot go back in time');
    this.t += ms;
  }
  set(time: number | string | Date): void {
    const t = new Date(time).getTime();
    if (t < this.t) throw new Error('FakeClock cannot go back in time');
    this.t = t;
  }
}
