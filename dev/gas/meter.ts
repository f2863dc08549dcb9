/**
 * What one execution costs: the script's own CPU time (charged to the execution clock × a factor,
 * so the 6-minute limit covers computation too — Apps Script's V8 is not faster than Node, and
 * every service call adds latency [docs/services.md §1.7a]) and its heap high-water mark.
 *
 * CPU: measured between service calls (the time inside an emulated service is not the script's).
 * Heap: sampled at every service call and at the end, above the heap at the start; when a sample
 * climbs past the peak by more than a margin, a garbage collection settles whether it is live.
 * Computation between two service calls is not sampled inside: the mark is a lower bound there.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
/**
 * A sample past the peak by more than this gets a collection first, so garbage is not counted:
 * the mark is the live heap within this margin (a wider one overstates it by up to its size).
 */
const GC_MARGIN = 2 * MiB;

export interface MeterReport {
  cpuMs: number;
  chargedMs: number;
  peakHeapMiB: number;
}

export class Meter {
  private cpuMark = 0;
  private cpuMs = 0;
  /** charged time not yet on the clock: the clock moves in whole milliseconds, as Date.now() does */
  private owed = 0;
  private baseline = 0;
  private peak = 0;
  private running = false;

  constructor(
    private readonly factor: number,
    /** moves the execution clock by the charged CPU time (a simulated clock), or nothing */
    private readonly charge: (ms: number) => void,
    /** optional ceiling: an execution holding more dies with "Exceeded memory limit" */
    private readonly ceilingBytes: number | null,
    private readonly measureHeap: boolean,
  ) {}

  private static cpuNow(): number {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }

  start(): void {
    if (this.measureHeap) {
      // garbage of earlier work (another test file in the same worker) can need more than one
      // collection to go; freed later, it would hide this execution's own growth
      gc();
      let before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 4; i++) {
        gc();
        const after = process.memoryUsage().heapUsed;
        if (before - after < MiB) break;
        before = after;
      }
      this.baseline = process.memoryUsage().heapUsed;
    }
    this.cpuMark = Meter.cpuNow();
    this.running = true;
  }

  /** The script ran since the last mark: charge it. Returns false past the memory ceiling. */
  scriptRan(): boolean {
    if (!this.running) return true;
    const now = Meter.cpuNow();
    const spent = Math.max(0, now - this.cpuMark);
    this.cpuMs += spent;
    this.owed += spent * this.factor;
    const whole = Math.floor(this.owed);
    if (whole > 0) {
      this.owed -= whole;
      this.charge(whole);
    }
    this.cpuMark = now;
    return this.sampleHeap();
  }

  /** A service call ended: its own time is not the script's. */
  serviceDone(): void {
    if (this.running) this.cpuMark = Meter.cpuNow();
  }

  /** where the heap stood at each new high-water mark (for finding what holds memory) */
  readonly peaks: Array<{ at: string; mib: number }> = [];
  /** the service call being entered when the sample was taken */
  where = '';

  private sampleHeap(): boolean {
    if (!this.measureHeap) return true;
    let used = process.memoryUsage().heapUsed - this.baseline;
    if (used > this.peak + GC_MARGIN) {
      gc();
      used = process.memoryUsage().heapUsed - this.baseline;
    }
    // garbage from before the start freed only now: the start stood lower than it read
    if (used < 0) {
      this.baseline += used;
      used = 0;
    }
    if (used > this.peak) {
      this.peak = used;
      const last = this.peaks[this.peaks.length - 1];
      if (!last || used / MiB >= last.mib + 8)
        this.peaks.push({ at: this.where, mib: Math.round(used / MiB) });
    }
    return this.ceilingBytes === null || used <= this.ceilingBytes;
  }

  finish(): MeterReport {
    if (this.running) {
      this.scriptRan();
      this.running = false;
    }
    return {
      cpuMs: this.cpuMs,
      chargedMs: this.cpuMs * this.factor,
      peakHeapMiB: this.peak / MiB,
    };
  }
}
