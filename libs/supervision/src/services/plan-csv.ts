import { PlanItem } from './inspection-plan.repository';

/** Excel only detects UTF-8 (and so shows Chinese names correctly) with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

export const PLAN_CSV_HEADER = [
  'position',
  'uscc',
  'name',
  'regionCode',
  'tier',
  'inspector1Id',
  'inspector1Name',
  'inspector2Id',
  'inspector2Name',
];

/**
 * One RFC 4180 field. Text starting with = + - @ (or a tab/CR) is prefixed
 * with an apostrophe: registry names are outside data, and a spreadsheet
 * would otherwise run them as formulas (CSV injection).
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function planCsvLine(item: PlanItem): string {
  const [a, b] = item.inspectors;
  return csvLine([
    item.position,
    item.uscc,
    item.name,
    item.regionCode,
    item.tier,
    a.id,
    a.name,
    b.id,
    b.name,
  ]);
}

/** Lines per chunk written to the response: fewer, larger writes. */
const LINES_PER_CHUNK = 1000;

/** BOM, header and the lines of `rows`, in chunks of LINES_PER_CHUNK lines. */
export async function* csvChunks<T>(
  header: string[],
  rows: AsyncIterable<T>,
  line: (row: T) => string,
): AsyncGenerator<string> {
  let chunk = UTF8_BOM + csvLine(header);
  let lines = 0;
  for await (const row of rows) {
    chunk += line(row);
    if (++lines % LINES_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** BOM, header and one line per drawn enterprise, in chunks. */
export function planCsv(items: AsyncIterable<PlanItem>): AsyncGenerator<string> {
  return csvChunks(PLAN_CSV_HEADER, items, planCsvLine);
}
