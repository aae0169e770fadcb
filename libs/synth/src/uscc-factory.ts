import { USCC_ALPHABET, usccCheckCharacter } from '@app/core';

/**
 * Builds valid USCCs: '9' (market regulation), the entity kind, the region
 * code, a 9-character organisation code unique per enterprise id, and the
 * GB 32100 check character.
 *
 * The organisation code is a bijective scramble of the id (so it is unique and
 * deterministic without a lookup table) followed by its GB 11714 check
 * character. Enterprises established before 2015 get the old all-digit form,
 * later ones the `MA…` form of codes issued since the USCC reform; the two
 * forms never collide because one starts with a digit and the other with M.
 */

const DIGIT_SPACE = 100_000_000; // 8 digits
const DIGIT_FACTOR = 48_271; // odd and not a multiple of 5: coprime with 10^8
const ALPHA_SPACE = 31 ** 6; // 6 characters of the USCC alphabet
const ALPHA_FACTOR = 7_368_787; // not a multiple of 31: coprime with 31^6

/** GB 11714 weights of the 8 body characters of an organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55; // '0'..'9' -> 0..9, 'A'..'Z' -> 10..35
}

export function orgCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Largest id the factory can number without repeating an organisation code. */
export const MAX_USCC_ID = DIGIT_SPACE - 1;

/** The 9-character organisation code of enterprise `id` (1 ≤ id < 10^8). */
export function organisationCode(id: number, seed: number, modern: boolean): string {
  if (!Number.isInteger(id) || id < 1 || id > MAX_USCC_ID) {
    throw new RangeError(`enterprise id out of range: ${id}`);
  }
  let body: string;
  if (modern) {
    let n = (id * ALPHA_FACTOR + (seed % ALPHA_SPACE)) % ALPHA_SPACE;
    body = '';
    for (let i = 0; i < 6; i++) {
      body = USCC_ALPHABET[n % 31] + body;
      n = Math.floor(n / 31);
    }
    body = 'MA' + body;
  } else {
    const n = (id * DIGIT_FACTOR + (seed % DIGIT_SPACE)) % DIGIT_SPACE;
    body = String(n).padStart(8, '0');
  }
  return body + orgCheck(body);
}

export function buildUscc(kind: string, regionCode: string, orgCode: string): string {
  const first17 = '9' + kind + regionCode + orgCode.slice(0, 9);
  return first17 + usccCheckCharacter(first17);
}
