import { createHash } from 'node:crypto';
import { PopulationMismatchError, PopulationRow } from './stream-selector';
import { Tier, isTier } from './tier';

/**
 * The population a plan drew from, written so anyone can hash it and re-run
 * the draw: one line per enterprise, `USCC,TIER\n` (ASCII), in the draw's
 * order — enterprise id, the order the plan's ordinals count in — with no
 * header. The population digest is the lowercase hex SHA-256 of that text; an
 * empty population is the empty text. Only the order matters to the draw, so
 * a re-run numbers the lines 0, 1, 2… in place of the ids.
 *
 * The text is kept in parts of SNAPSHOT_PART_LINES lines so that storing and
 * re-reading a plan over millions of enterprises never needs one statement
 * (or one buffer) larger than a part.
 */
export const SNAPSHOT_PART_LINES = 50_000;

export interface PopulationEntry {
  uscc: string;
  tier: Tier;
}

export interface PopulationSnapshot {
  /** SHA-256 (hex) of the whole canonical text. */
  digest: string;
  /** Lines, i.e. enterprises. */
  size: number;
  /** The canonical text, cut after every SNAPSHOT_PART_LINES lines. */
  parts: string[];
}

// A USCC is 18 upper-case letters or digits; anything else would make the text ambiguous.
const LINE = /^([0-9A-Z]{18}),([ABCD])$/;

export function populationLine(e: PopulationEntry): string {
  const line = `${e.uscc},${e.tier}`;
  if (!LINE.test(line)) throw new RangeError(`not a population entry: '${line}'`);
  return `${line}\n`;
}

/** Collects the population as the draw streams it; hashes each part once, when complete. */
export class PopulationSnapshotWriter {
  private readonly hash = createHash('sha256');
  private readonly parts: string[] = [];
  private lines: string[] = [];
  private size = 0;

  add(e: PopulationEntry): void {
    this.lines.push(populationLine(e));
    this.size++;
    if (this.lines.length === SNAPSHOT_PART_LINES) this.cut();
  }

  finish(): PopulationSnapshot {
    if (this.lines.length > 0) this.cut();
    return { digest: this.hash.digest('hex'), size: this.size, parts: this.parts };
  }

  private cut(): void {
    const part = this.lines.join('');
    this.hash.update(part, 'latin1');
    this.parts.push(part);
    this.lines = [];
  }
}

/** The digest of canonical text given in parts (any cut), e.g. to check a stored snapshot. */
export async function populationDigest(parts: AsyncIterable<string>): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of parts) hash.update(part, 'latin1');
  return hash.digest('hex');
}

/**
 * The rows of one part, numbered from `firstOrdinal` (the lines before it).
 * Throws PopulationMismatchError on anything that is not a canonical line.
 */
export function* parsePopulationPart(text: string, firstOrdinal: number): Generator<PopulationRow> {
  if (text.length > 0 && !text.endsWith('\n')) {
    throw new PopulationMismatchError('a population part must end with a newline');
  }
  let ordinal = firstOrdinal;
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const m = LINE.exec(text.slice(start, end));
    if (!m || !isTier(m[2])) {
      throw new PopulationMismatchError(`population line ${ordinal + 1} is not 'USCC,TIER'`);
    }
    yield { id: ordinal++, uscc: m[1], tier: m[2] };
    start = end + 1;
  }
}
