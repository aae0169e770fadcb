import { createHash, randomBytes } from 'node:crypto';

/**
 * Reproducible randomness for published inspection plans (一公开): anyone with
 * the seed must get the same draw, on any engine, years from now. So only
 * 32-bit integer operations are used (no Math.random, no Math.log/exp, whose
 * precision ECMAScript leaves to the implementation).
 *
 * Stream derivation: key = SHA-256( UTF-8(canonical seed) ‖ 0x00 ‖ UTF-8(stream name) ).
 * The first 16 bytes, read as four big-endian uint32 words, become the sfc32
 * state (a, b, c, counter); 12 outputs are discarded, as in PractRand's own
 * seeding. Each purpose (one stream per tier, one for inspectors) has its own
 * name, so changing one tier's ratio never shifts another tier's draw.
 */
export type Seed = string | number;

export const MAX_SEED_LENGTH = 128;

// Control characters and surrounding spaces would make a published seed
// ambiguous when copied from a document.
// eslint-disable-next-line no-control-regex
const SEED_FORBIDDEN = /[\u0000-\u001f\u007f]/;

/** Why a seed is unusable, or null. Numbers must be non-negative safe integers. */
export function seedProblem(seed: Seed): string | null {
  if (typeof seed === 'number') {
    return Number.isSafeInteger(seed) && seed >= 0
      ? null
      : 'a numeric seed must be a non-negative safe integer';
  }
  if (typeof seed !== 'string') return 'a seed must be a string or an integer';
  if (seed.length === 0 || seed.length > MAX_SEED_LENGTH) {
    return `a seed must have 1 to ${MAX_SEED_LENGTH} characters`;
  }
  if (SEED_FORBIDDEN.test(seed)) return 'a seed must not contain control characters';
  if (seed.trim() !== seed) return 'a seed must not start or end with whitespace';
  return null;
}

/**
 * The seed as it is hashed: integers as decimal digits (so 42 and "42" draw
 * alike), strings in Unicode NFC so visually equal seeds draw alike.
 */
export function canonicalSeed(seed: Seed): string {
  const problem = seedProblem(seed);
  if (problem) throw new RangeError(`invalid seed: ${problem}`);
  return typeof seed === 'number' ? String(seed) : seed.normalize('NFC');
}

/** A fresh unpredictable seed (128 bits, hex) for plans created without one. */
export function generateSeed(): string {
  return randomBytes(16).toString('hex');
}

export interface SeededRandom {
  /** Uniform in [0, 2^32). */
  nextUint32(): number;
  /** Uniform integer in [0, bound), bound in [1, 2^32]; exact (rejection sampling). */
  nextInt(bound: number): number;
}

/** sfc32 (Chris Doty-Humphrey, PractRand): small, fast, passes PractRand/BigCrush. */
class Sfc32 implements SeededRandom {
  constructor(
    private a: number,
    private b: number,
    private c: number,
    private d: number,
  ) {
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 0x100000000) {
      throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
    }
    // Reject the top partial block of 2^32 so every residue is equally likely.
    const limit = 0x100000000 - (0x100000000 % bound);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % bound;
    }
  }
}

/** The generator for one named stream of a seed. */
export function createRandom(seed: Seed, stream: string): SeededRandom {
  const digest = createHash('sha256')
    .update(Buffer.from(canonicalSeed(seed), 'utf8'))
    .update(Buffer.from([0]))
    .update(Buffer.from(stream, 'utf8'))
    .digest();
  return new Sfc32(
    digest.readUInt32BE(0),
    digest.readUInt32BE(4),
    digest.readUInt32BE(8),
    digest.readUInt32BE(12),
  );
}
