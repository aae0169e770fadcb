import { ValueTransformer } from 'typeorm';

/** DECIMAL money stays a string with 2 decimals: no binary floating point on amounts. */
export const decimalTransformer: ValueTransformer = {
  to: (v: string | number | null | undefined) => (v === null || v === undefined ? v : String(v)),
  from: (v: string | null) => (v === null ? null : Number(v).toFixed(2)),
};
