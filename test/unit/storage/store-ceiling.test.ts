/**
 * The byte guard under Apps Script's 50 MB Blob, and the BigQuery cost estimate the sidebar shows.
 */
import {
  bigQueryMonthlyCostUsd,
  checkSegmentSize,
  MAX_SEGMENT_BYTES,
  StoreFull,
} from '../../../src/storage/store-ceiling';
import { utf8Bytes } from '../../../src/shapes/utf8-bytes';

const ceiling = () => 120_000;

describe('a part of the store too big to pack is refused before the Blob would be', () => {
  test('ASCII over the budget', () => {
    const text = 'x'.repeat(MAX_SEGMENT_BYTES + 1);
    expect(() => checkSegmentSize(text, utf8Bytes, ceiling)).toThrow(StoreFull);
  });

  test('Cyrillic under the budget in characters but over it in bytes (two bytes each)', () => {
    const text = 'я'.repeat(MAX_SEGMENT_BYTES / 2 + 1);
    expect(text.length).toBeLessThan(MAX_SEGMENT_BYTES);
    let thrown: unknown;
    try {
      checkSegmentSize(text, utf8Bytes, ceiling);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StoreFull);
    expect((thrown as StoreFull).bytes).toBe(MAX_SEGMENT_BYTES + 2);
  });

  test('exactly the budget passes, and a small part is not even counted', () => {
    expect(() => checkSegmentSize('x'.repeat(MAX_SEGMENT_BYTES), utf8Bytes, ceiling)).not.toThrow();
    const counted = jest.fn(utf8Bytes);
    checkSegmentSize('{"a":1}', counted, ceiling);
    expect(counted).not.toHaveBeenCalled();
  });
});

describe('the BigQuery monthly cost the sidebar states', () => {
  test('a million deals fits the free tier', () => {
    // 1,000,000 × 3 KiB = 2.861 GiB stored (< 10 GiB free);
    // scanned 2.861 × 4 × 30 = 343.3 GiB = 0.335 TiB a month (< 1 TiB free) → $0
    const c = bigQueryMonthlyCostUsd(1_000_000);
    expect(c.storedGiB).toBeCloseTo(2.861, 3);
    expect(c.scannedTiB).toBeCloseTo(0.3353, 3);
    expect(c.usd).toBe(0);
  });

  test('past the free tier the list prices apply', () => {
    // 5,000,000 deals: 14.305 GiB stored → (14.305 − 10) × $0.02 = $0.086;
    // scanned 14.305 × 120 / 1024 = 1.6764 TiB → (1.6764 − 1) × $6.25 = $4.2275; total $4.31
    expect(bigQueryMonthlyCostUsd(5_000_000).usd).toBe(4.31);
  });
});
