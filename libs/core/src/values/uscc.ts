/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 * 18 characters from 0-9 and A-Y without I, O, Z, S, V; the 18th is a check
 * character over the first 17 with weights 3^i mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

export type UsccProblem = 'LENGTH' | 'CHARACTER' | 'SHAPE' | 'CHECK_CHARACTER';

/** Normalises to NFKC, trims and upper-cases; everything else must already be right. */
export function normalizeUscc(input: string): string {
  // NFKC first: full-width digits and letters (an IME's) and ligatures such as
  // `ﬂ` are one USCC with their ASCII spelling, and must not be a second one.
  return input.normalize('NFKC').trim().toUpperCase();
}

/** The check character for the first 17 characters (which must be valid). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`invalid USCC character '${first17[i]}' at position ${i + 1}`);
    sum += value * WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a (normalised) code is not a valid USCC, or null if it is. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'LENGTH';
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return 'CHARACTER';
  if (!SHAPE.test(code)) return 'SHAPE';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'CHECK_CHARACTER';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(normalizeUscc(code)) === null;
}

/** The one spelling of a USCC given in any accepted form, or null when it is none. */
export function canonicalUscc(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = normalizeUscc(value);
  return usccProblem(code) === null ? code : null;
}

/** Administrative division code carried in positions 3–8. */
export function usccRegion(code: string): string {
  return code.slice(2, 8);
}
