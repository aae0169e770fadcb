import { ValueTransformer } from 'typeorm';
import { toMoney } from '@app/core';

/**
 * DECIMAL money stays text both ways (mysql2 returns DECIMAL as a string):
 * no binary floating point between the column and the view.
 */
export const decimalTransformer: ValueTransformer = {
  to: (v: string | number | null | undefined) => (v === null || v === undefined ? v : toMoney(v)),
  from: (v: string | null) => (v === null ? null : toMoney(v)),
};
