/**
 * PropertiesService, CacheService and LockService limits and semantics.
 * Facts: docs/services.md §1.4 [Q] (9 KB per value, 500 KB per store), §1.5 [CACHE],
 * §1.6 [LOCK] (a lock belongs to one execution, released when it ends).
 */
import { FakeClock } from '../../dev/gas';
import { defineScript, newRuntime, runScript } from '../support/gas';

describe('PropertiesService limits [Q]', () => {
  test('a value over 9 KB is refused and the store keeps its old content', () => {
    const rt = newRuntime();
    runScript(rt, `PropertiesService.getDocumentProperties().setProperty('k', 'old');`);
    expect(() =>
      runScript(
        rt,
        `PropertiesService.getDocumentProperties().setProperty('k', 'x'.repeat(9 * 1024 + 1));`,
      ),
    ).toThrow('Argument too large: value');
    expect(rt.properties.document.k).toBe('old');
    // exactly 9 KB fits; multi-byte text counts in UTF-8 bytes
    runScript(
      rt,
      `PropertiesService.getDocumentProperties().setProperty('k', 'x'.repeat(9 * 1024));`,
    );
    expect(() =>
      runScript(
        rt,
        `PropertiesService.getDocumentProperties().setProperty('k', 'ж'.repeat(5000));`,
      ),
    ).toThrow('Argument too large: value');
  });

  test('a store over 500 KB is refused', () => {
    const rt = newRuntime();
    expect(() =>
      runScript(
        rt,
        `
      const p = PropertiesService.getScriptProperties();
      for (let i = 0; i < 60; i++) p.setProperty('chunk' + i, 'x'.repeat(9000));
    `,
      ),
    ).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    const keys = Object.keys(rt.properties.script);
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.length).toBeLessThan(60);
  });

  test('values are strings; getProperties returns a copy; the three stores are separate', () => {
    const rt = newRuntime();
    expect(
      runScript(
        rt,
        `
      const d = PropertiesService.getDocumentProperties();
      d.setProperty('n', 5);
      const copy = d.getProperties(); copy.n = 'changed';
      return [d.getProperty('n'), typeof d.getProperty('n'), PropertiesService.getScriptProperties().getProperty('n'), d.getProperty('missing')];
    `,
      ),
    ).toEqual(['5', 'string', null, null]);
  });
});

describe('CacheService [CACHE]', () => {
  test('entries expire on the clock; expiry is capped at 6 hours', () => {
    const clock = new FakeClock('2026-03-01T00:00:00Z');
    const rt = newRuntime({ clock });
    runScript(
      rt,
      `const c = CacheService.getScriptCache(); c.put('a', '1', 60); c.put('b', '2', 999999);`,
    );
    clock.advance(61_000);
    expect(
      runScript(rt, `const c = CacheService.getScriptCache(); return [c.get('a'), c.get('b')];`),
    ).toEqual([null, '2']);
    clock.advance(6 * 3600_000);
    expect(runScript(rt, `return CacheService.getScriptCache().get('b');`)).toBeNull();
  });

  test('values over 100 KB are refused', () => {
    const rt = newRuntime();
    expect(() =>
      runScript(rt, `CacheService.getScriptCache().put('big', 'x'.repeat(100 * 1024 + 1));`),
    ).toThrow('Argument too large: value');
  });
});

describe('LockService [LOCK]', () => {
  test('a lock held by one execution is not available to another until it ends', () => {
    const clock = new FakeClock('2026-03-01T00:00:00Z');
    const rt = newRuntime({ clock });
    const take = defineScript(rt, `return LockService.getScriptLock().tryLock(5000);`);
    const a = rt.begin('timeTrigger', 'a');
    const b = rt.begin('menu', 'b');
    expect(a.call(take)).toBe(true);
    expect(a.call(take)).toBe(true); // re-entrant for its holder
    const before = clock.now();
    expect(b.call(take)).toBe(false);
    expect(clock.now() - before).toBe(5000); // tryLock waited its timeout
    a.end(); // the lock is released when the script ends
    expect(b.call(take)).toBe(true);
    b.end();
  });

  test('waitLock throws when the lock stays busy; releaseLock frees it', () => {
    const rt = newRuntime({ clock: new FakeClock('2026-03-01T00:00:00Z') });
    // every execution runs the code pushed before it started
    const take = defineScript(rt, `LockService.getDocumentLock().waitLock(1000);`);
    const wait = defineScript(
      rt,
      `LockService.getDocumentLock().waitLock(30000); return 'got it';`,
    );
    const release = defineScript(
      rt,
      `const l = LockService.getDocumentLock(); l.releaseLock(); return l.hasLock();`,
    );
    const a = rt.begin('timeTrigger', 'a');
    a.call(take);
    expect(() => rt.run(wait, [], 'menu')).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    a.call(release);
    expect(rt.run(wait, [], 'menu')).toBe('got it');
    a.end();
  });
});

describe('Utilities [UTIL]', () => {
  test('formatDate uses SimpleDateFormat patterns in the given zone', () => {
    const rt = newRuntime();
    expect(
      runScript(
        rt,
        `
      const d = new Date(Date.UTC(2026, 2, 29, 0, 30));
      return [Utilities.formatDate(d, 'Europe/Moscow', "yyyy-MM-dd'T'HH:mm:ss Z"), Utilities.formatDate(d, 'Europe/Berlin', 'dd.MM.yyyy HH:mm XXX'), Utilities.formatDate(d, 'America/New_York', 'EEE, d MMM yyyy h:mm a')];
    `,
      ),
    ).toEqual(['2026-03-29T03:30:00 +0300', '29.03.2026 01:30 +01:00', 'Sat, 28 Mar 2026 8:30 PM']);
  });

  test('base64, digests, blobs and gzip round-trip with signed byte arrays', () => {
    const rt = newRuntime();
    expect(
      runScript(
        rt,
        `
      const b64 = Utilities.base64Encode('Привет');
      const back = Utilities.newBlob(Utilities.base64Decode(b64)).getDataAsString();
      const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
      const gz = Utilities.gzip(Utilities.newBlob('x'.repeat(1000), 'text/plain', 'a.txt'));
      return [b64, back, md5.length, md5.every((n) => n >= -128 && n <= 127), gz.getBytes().length < 100, Utilities.ungzip(gz).getDataAsString().length];
    `,
      ),
    ).toEqual(['0J/RgNC40LLQtdGC', 'Привет', 16, true, true, 1000]);
  });
});
