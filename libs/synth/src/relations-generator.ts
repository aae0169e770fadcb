import { hash } from 'node:crypto';
import { civilOf, dayOf } from './calendar';
import type { EnterpriseDraft } from './enterprise-factory';
import { GIVEN_CHARS, SURNAMES } from './names.data';
import type { Prng } from './prng';
import { REGIONS } from './regions.data';
import type { LinkRow, PersonRole, PersonRow } from './population.types';

/**
 * Streaming rule for shared persons: a person is created by the first
 * enterprise that links to it, and only enterprises at most SHARE_WINDOW ids
 * later may link to it again. Batches hold at least SHARE_WINDOW enterprises,
 * so every link refers to a person of its own batch or of the previous one,
 * and all enterprises sharing a person lie within SHARE_WINDOW of each other.
 */
export const SHARE_WINDOW = 100;

const BIRTH_DAYS = 16_000; // birth dates over ~44 years
const SEQUENCES = 1000; // 3-digit sequence number
const ID_SPACE = REGIONS.length * BIRTH_DAYS * SEQUENCES;
const ID_FACTOR = 1_000_003; // prime, does not divide ID_SPACE: a bijection on [0, ID_SPACE)
const BIRTH_BASE = dayOf(1956, 1, 1);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export class RelationsGenerator {
  private nextPersonId = 1;
  // Ring of the last SHARE_WINDOW enterprises: their own new persons (contiguous ids) and risk class.
  private readonly firstPerson = new Int32Array(SHARE_WINDOW);
  private readonly personCount = new Int32Array(SHARE_WINDOW);
  private readonly riskClass = new Int8Array(SHARE_WINDOW);

  constructor(
    private readonly salt: string,
    private readonly seed: number,
  ) {}

  generate(prng: Prng, draft: EnterpriseDraft, persons: PersonRow[], links: LinkRow[]): void {
    const enterpriseId = draft.row.id;
    const firstOwn = this.nextPersonId;
    const link = (personId: number, role: PersonRole) =>
      links.push({ enterpriseId, personId, role });
    const newPerson = () => this.createPerson(prng, persons);

    const shared = prng.chance(draft.riskClass.sharePerson) ? this.pickShared(prng, draft) : 0;
    const [sMin, sMax] = draft.type.shareholders;
    const [eMin, eMax] = draft.type.executives;
    // A sole trader's only person is its operator; elsewhere a shared person is often a shareholder.
    const sharedIsLegalRep = shared > 0 && (sMax === 0 || prng.chance(0.5));
    const legalRep = sharedIsLegalRep ? shared : newPerson();
    link(legalRep, 'LEGAL_REPRESENTATIVE');

    const shareholders = prng.int(sMin, sMax);
    for (let i = 0; i < shareholders; i++) {
      link(i === 0 && prng.chance(0.7) ? legalRep : newPerson(), 'SHAREHOLDER');
    }
    if (shared > 0 && !sharedIsLegalRep)
      link(shared, shareholders > 0 ? 'SHAREHOLDER' : 'EXECUTIVE');
    for (let n = prng.int(eMin, eMax); n > 0; n--) link(newPerson(), 'EXECUTIVE');

    const slot = enterpriseId % SHARE_WINDOW;
    this.firstPerson[slot] = firstOwn;
    this.personCount[slot] = this.nextPersonId - firstOwn;
    this.riskClass[slot] = draft.riskClassIndex;
  }

  /** A person created by one of the previous SHARE_WINDOW enterprises, preferably of the same risk class. */
  private pickShared(prng: Prng, draft: EnterpriseDraft): number {
    const id = draft.row.id;
    const span = Math.min(SHARE_WINDOW, id - 1);
    if (span <= 0) return 0;
    const offset = prng.int(0, span - 1);
    let fallback = -1;
    for (let k = 0; k < span; k++) {
      const slot = (id - 1 - ((offset + k) % span)) % SHARE_WINDOW;
      if (this.personCount[slot] === 0) continue;
      if (this.riskClass[slot] === draft.riskClassIndex) return this.personOf(prng, slot);
      if (fallback < 0) fallback = slot;
    }
    return fallback < 0 ? 0 : this.personOf(prng, fallback);
  }

  private personOf(prng: Prng, slot: number): number {
    return this.firstPerson[slot] + prng.int(0, this.personCount[slot] - 1);
  }

  private createPerson(prng: Prng, persons: PersonRow[]): number {
    const id = this.nextPersonId++;
    const surname = SURNAMES[Math.floor(SURNAMES.length * prng.float() ** 2)];
    const given = prng.pick(GIVEN_CHARS) + (prng.chance(0.75) ? prng.pick(GIVEN_CHARS) : '');
    const idHash = hash('sha256', `${this.salt}:${fakeIdNumber(id, this.seed)}`, 'hex');
    persons.push({ id, idHash, name: surname + given });
    return id;
  }
}

/**
 * An 18-character resident ID number (region, birth date, sequence, ISO 7064
 * check) that is a bijection of the person id, so hashes never collide. It
 * only ever exists inside this function: rows carry its salted hash.
 */
export function fakeIdNumber(personId: number, seed: number): string {
  if (personId >= ID_SPACE) throw new RangeError(`too many persons: ${personId}`);
  const index = (personId * ID_FACTOR + (seed % ID_SPACE)) % ID_SPACE;
  const region = REGIONS[index % REGIONS.length].code;
  const rest = Math.floor(index / REGIONS.length);
  const body = region + birthDate(rest % BIRTH_DAYS) + pad(Math.floor(rest / BIRTH_DAYS), 3);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}

const birthDates: string[] = [];

/** YYYYMMDD of a birth-day index, cached (16k entries at most). */
function birthDate(index: number): string {
  let text = birthDates[index];
  if (text === undefined) {
    const { year, month, day } = civilOf(BIRTH_BASE + index);
    text = birthDates[index] = `${year}${pad(month, 2)}${pad(day, 2)}`;
  }
  return text;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
