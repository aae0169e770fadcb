import {
  parsePopulationPart,
  populationDigest,
  populationLine,
  PopulationSnapshotWriter,
  SNAPSHOT_PART_LINES,
} from './population-snapshot';
import { PopulationMismatchError } from './stream-selector';
import { Tier, TIERS } from './tier';

async function* iterate(parts: string[]) {
  yield* parts;
}

const uscc = (i: number) => `9133010${String(i).padStart(10, '0')}X`;

describe('population snapshot: canonical text and its digest', () => {
  it('writes `USCC,TIER` lines whose SHA-256 anyone can recompute (sha256sum)', () => {
    const w = new PopulationSnapshotWriter();
    w.add({ uscc: '91330106MA2B3C4D5E', tier: 'A' });
    w.add({ uscc: '91330106MA2B3C4D6F', tier: 'D' });
    const snap = w.finish();
    expect(snap.parts).toEqual(['91330106MA2B3C4D5E,A\n91330106MA2B3C4D6F,D\n']);
    expect(snap.size).toBe(2);
    // printf '91330106MA2B3C4D5E,A\n91330106MA2B3C4D6F,D\n' | sha256sum
    expect(snap.digest).toBe('20b92f2f8f1c72f9d87281ddd467012a2e61134390e11580c6698bf3d2d2c6df');
  });

  it('writes an empty population as the empty text', () => {
    const snap = new PopulationSnapshotWriter().finish();
    expect(snap).toEqual({
      digest: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0,
      parts: [],
    });
  });

  it('cuts parts every SNAPSHOT_PART_LINES lines; the digest does not depend on the cut', async () => {
    const w = new PopulationSnapshotWriter();
    const n = SNAPSHOT_PART_LINES * 2 + 3;
    for (let i = 0; i < n; i++) w.add({ uscc: uscc(i), tier: TIERS[i % 4] });
    const snap = w.finish();
    expect(snap.parts.map((p) => p.split('\n').length - 1)).toEqual([
      SNAPSHOT_PART_LINES,
      SNAPSHOT_PART_LINES,
      3,
    ]);
    const whole = snap.parts.join('');
    expect(await populationDigest(iterate([whole]))).toBe(snap.digest);
    expect(await populationDigest(iterate([whole.slice(0, 7), whole.slice(7)]))).toBe(snap.digest);
    expect(await populationDigest(iterate([whole.slice(1)]))).not.toBe(snap.digest);
  });

  it('refuses entries that would make the text ambiguous', () => {
    expect(() => populationLine({ uscc: '91330106ma2b3c4d5e', tier: 'A' })).toThrow(RangeError);
    expect(() => populationLine({ uscc: '91330106MA2B3C4D5', tier: 'A' })).toThrow(RangeError);
    expect(() => populationLine({ uscc: '91330106MA2B3C4,5E', tier: 'A' })).toThrow(RangeError);
    expect(() => populationLine({ uscc: '91330106MA2B3C4D5E', tier: 'E' as Tier })).toThrow(
      RangeError,
    );
  });

  it('reads a part back as rows numbered from the lines before it', () => {
    const rows = [...parsePopulationPart(`${uscc(1)},B\n${uscc(2)},C\n`, 50)];
    expect(rows).toEqual([
      { id: 50, uscc: uscc(1), tier: 'B' },
      { id: 51, uscc: uscc(2), tier: 'C' },
    ]);
    expect([...parsePopulationPart('', 0)]).toEqual([]);
  });

  it.each([
    ['no final newline', `${uscc(1)},B`],
    ['an unknown tier', `${uscc(1)},E\n`],
    ['an empty line', `${uscc(1)},B\n\n`],
    ['a carriage return', `${uscc(1)},B\r\n`],
  ])('refuses a part with %s', (_, text) => {
    expect(() => [...parsePopulationPart(text, 0)]).toThrow(PopulationMismatchError);
  });
});
