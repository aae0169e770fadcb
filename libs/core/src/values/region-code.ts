/**
 * Administrative division codes (行政区划代码, GB/T 2260).
 *
 * A full code has 6 digits: province (2), city (2), county/district (2), e.g.
 * `330106` 杭州市西湖区. An enterprise's regionCode is always a full 6-digit code.
 * A regulator's jurisdiction is a prefix: `33` (province), `3301` (city) or
 * `330106` (district).
 *
 * Jurisdictions also arrive in the padded 6-digit form GB/T 2260 uses for
 * provinces and cities (`330000`, `330100`). normalizeJurisdiction strips
 * trailing `00` pairs so both spellings mean the same prefix: `330100` -> `3301`,
 * `330000` -> `33`. That is safe by construction of GB/T 2260: a `00` pair means
 * "no lower level", so a padded code always names the higher-level unit itself.
 */
const REGION6 = /^(?!00)\d{6}$/;
/**
 * 2, 4 or 6 digits, province part not `00`. Township codes (9/12 digits) are
 * not used here: jurisdictions and enterprise registrations stop at the county.
 * Exported for DTO validation so requests and tokens accept the same codes.
 */
export const JURISDICTION_PATTERN = /^(?!00)(?:\d{2}|\d{4}|\d{6})$/;
const JURISDICTION = JURISDICTION_PATTERN;

/** Exactly 6 digits, province part not `00`. */
export function isRegionCode6(value: string): boolean {
  return REGION6.test(value);
}

/** 2, 4 or 6 digits, province part not `00`; padded forms (`330100`) allowed. */
export function isJurisdiction(value: string): boolean {
  return JURISDICTION.test(value);
}

/** The shortest prefix meaning the same area: `330100` -> `3301`, `3300` -> `33`. */
export function normalizeJurisdiction(jurisdiction: string): string {
  if (!isJurisdiction(jurisdiction)) {
    throw new RangeError(`not an administrative division code: '${jurisdiction}'`);
  }
  let code = jurisdiction;
  while (code.length > 2 && code.endsWith('00')) code = code.slice(0, -2);
  return code;
}

/**
 * Whether an enterprise registered in `regionCode` lies inside `jurisdiction`.
 * Invalid input is never inside anything (fail closed: it decides visibility).
 */
export function regionWithin(regionCode: string, jurisdiction: string): boolean {
  return isRegionCode6(regionCode) && jurisdictionWithin(regionCode, jurisdiction);
}

/**
 * Whether the area `inner` (a jurisdiction or full code) lies inside `outer`,
 * both compared in normalised form, so `330106` is inside `330100` and `3301`
 * is not inside `330106`. The one prefix test of the codebase; invalid input
 * is never inside anything.
 */
export function jurisdictionWithin(inner: string, outer: string): boolean {
  if (!isJurisdiction(inner) || !isJurisdiction(outer)) return false;
  return normalizeJurisdiction(inner).startsWith(normalizeJurisdiction(outer));
}
