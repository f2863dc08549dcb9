/** A result row's integer columns, read strictly: a value of another kind fails in words. */
import { BigQueryError, type Row } from './bigquery-api';

export const int = (r: Row, k: string): number => {
  const x = r[k];
  const n = x === null || x === undefined ? NaN : Number(x);
  if (!Number.isInteger(n)) throw new BigQueryError('failed', `column ${k}: not an integer`);
  return n;
};

export const intOrNull = (r: Row, k: string): number | null =>
  r[k] === null || r[k] === undefined ? null : int(r, k);
