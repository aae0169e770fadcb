import fc from 'fast-check';
import {
  ConflictDeclaration,
  Inspector,
  InspectorShortageError,
  assignInspectors,
  findInspectorShortages,
} from './inspector-assignment';

const POOL: Inspector[] = [1, 2, 3, 4, 5].map((id) => ({ id, name: `检查员${id}` }));
const ENTERPRISES = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, uscc: `91330106MA${i}` }));

const scenarioArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 0, maxLength: 8 })
  .chain((inspectorIds) =>
    fc.record({
      pool: fc.constant(inspectorIds.map((id) => ({ id, name: `i${id}` }))),
      enterprises: fc.constant(ENTERPRISES.slice(0, 12)),
      conflicts: fc.array(
        fc
          .record({
            inspectorId: fc.integer({ min: 1, max: 30 }),
            enterpriseId: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
            uscc: fc.option(
              fc.integer({ min: 0, max: 11 }).map((i) => `91330106ma${i}`),
              { nil: undefined },
            ),
          })
          .filter((c) => c.enterpriseId !== undefined || c.uscc !== undefined),
        { maxLength: 25 },
      ),
      seed: fc.nat(),
    }),
  );

function conflicted(
  c: readonly ConflictDeclaration[],
  inspectorId: number,
  e: { id: number; uscc: string },
) {
  return c.some(
    (d) =>
      d.inspectorId === inspectorId &&
      (d.enterpriseId === e.id || d.uscc?.toUpperCase() === e.uscc.toUpperCase()),
  );
}

describe('assignInspectors', () => {
  it('property: two distinct, non-conflicted pool inspectors each, or a shortage error naming them', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pool, enterprises, conflicts, seed }) => {
        const shortages = findInspectorShortages(pool, conflicts, enterprises);
        if (shortages.length > 0) {
          expect(() => assignInspectors(seed, pool, conflicts, enterprises)).toThrow(
            InspectorShortageError,
          );
          for (const s of shortages) {
            const e = enterprises.find((x) => x.id === s.enterpriseId)!;
            expect(pool.filter((i) => !conflicted(conflicts, i.id, e))).toHaveLength(s.eligible);
          }
          return;
        }
        const assignments = assignInspectors(seed, pool, conflicts, enterprises);
        expect(assignments.map((a) => a.enterprise)).toEqual(enterprises);
        for (const { enterprise, inspectors } of assignments) {
          const [a, b] = inspectors;
          expect(a.id).not.toBe(b.id);
          expect(pool).toContainEqual(a);
          expect(pool).toContainEqual(b);
          expect(conflicted(conflicts, a.id, enterprise)).toBe(false);
          expect(conflicted(conflicts, b.id, enterprise)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is reproducible from the seed and independent of pool order', () => {
    const ids = (seed: string, pool: Inspector[]) =>
      assignInspectors(seed, pool, [], ENTERPRISES).map((a) => a.inspectors.map((i) => i.id));
    expect(ids('plan-1', POOL)).toEqual(ids('plan-1', [...POOL].reverse()));
    expect(ids('plan-1', POOL)).not.toEqual(ids('plan-2', POOL));
  });

  it('honours conflicts declared by enterprise id or by USCC, case-insensitively', () => {
    const conflicts = [
      { inspectorId: 1, enterpriseId: 1 },
      { inspectorId: 2, uscc: '91330106ma0' },
      { inspectorId: 3, enterpriseId: 1 },
    ];
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const [first] = assignInspectors(seed, POOL, conflicts, ENTERPRISES.slice(0, 1));
      expect(first.inspectors.map((i) => i.id).sort()).toEqual([4, 5]);
    }
  });

  it('refuses, naming every enterprise, when fewer than two inspectors are eligible', () => {
    const conflicts = [
      { inspectorId: 1, enterpriseId: 2 },
      { inspectorId: 2, enterpriseId: 3 },
    ];
    const pool = POOL.slice(0, 2);
    const run = () => assignInspectors('s', pool, conflicts, ENTERPRISES.slice(0, 4));
    expect(run).toThrow('fewer than two eligible inspectors for 91330106MA1 (id 2: 1 eligible)');
    try {
      run();
    } catch (e) {
      expect((e as InspectorShortageError).shortages).toEqual([
        { enterpriseId: 2, uscc: '91330106MA1', eligible: 1 },
        { enterpriseId: 3, uscc: '91330106MA2', eligible: 1 },
      ]);
    }
    expect(() => assignInspectors('s', POOL.slice(0, 1), [], ENTERPRISES.slice(0, 1))).toThrow(
      InspectorShortageError,
    );
  });

  it('spreads picks over the eligible inspectors', () => {
    const many = Array.from({ length: 4000 }, (_, i) => ({ id: i, uscc: `U${i}` }));
    const load = new Map<number, number>();
    for (const a of assignInspectors('spread', POOL, [], many)) {
      for (const i of a.inspectors) load.set(i.id, (load.get(i.id) ?? 0) + 1);
    }
    // 8000 picks over 5 inspectors: about 1600 each.
    for (const n of load.values()) expect(Math.abs(n - 1600)).toBeLessThan(160);
  });

  it('refuses a pool listing an inspector twice and a conflict naming no enterprise', () => {
    expect(() => assignInspectors('s', [...POOL, POOL[0]], [], [])).toThrow(/appears twice/);
    expect(() => assignInspectors('s', POOL, [{ inspectorId: 1 }], [])).toThrow(
      /names no enterprise/,
    );
  });
});
