import fc from 'fast-check';
import type { Assessment } from './assessment';
import { formatDay, parseDay } from './day-number';
import { evaluate } from './evaluate';
import { TIERS } from './model-schema';
import type { CreditRecordInput, EnterpriseProfile, RecordKind } from './profile';
import { negativeRecordArb, scenarioArb } from './testing/arbitraries';
import { V1, V2 } from './testing/fixtures';

const MODELS = [V1, V2];

function run(profile: EnterpriseProfile, asOf: string, model = V1): Assessment {
  const a = evaluate(profile, model, asOf);
  if (a === null) throw new Error('not classified');
  return a;
}

const tierIndex = (a: Assessment) => TIERS.indexOf(a.tier);

/** Everything but the as-of date, which is expected to differ. */
function withoutAsOf(a: Assessment | null): string {
  return JSON.stringify(a === null ? null : { ...a, asOf: undefined });
}

const classified = scenarioArb.filter((s) => s.profile.status !== 'CANCELLED');

describe.each(MODELS.map((m) => [m.version, m] as const))('properties of %s', (_v, model) => {
  it('score = clamp(base + Σ factor points), every indicator present in model order', () => {
    fc.assert(
      fc.property(classified, ({ profile, asOf }) => {
        const a = run(profile, asOf, model);
        const raw = model.base + a.factors.reduce((s, f) => s + f.points, 0);
        expect(a.rawScore).toBe(raw);
        expect(a.score).toBe(Math.min(model.clampMax, Math.max(model.clampMin, raw)));
        expect(a.factors.map((f) => f.code)).toEqual(Object.keys(model.definition.indicators));
      }),
      { numRuns: 300 },
    );
  });

  it('the tier is no better than the score tier and than any applied veto allows', () => {
    fc.assert(
      fc.property(classified, ({ profile, asOf }) => {
        const a = run(profile, asOf, model);
        const t = model.definition.thresholds;
        const byScore = a.score >= t.A ? 0 : a.score >= t.B ? 1 : a.score >= t.C ? 2 : 3;
        const worstVeto = Math.max(
          -1,
          ...a.vetoes.map((v) => TIERS.indexOf(v.effect.slice(-1) as 'A')),
        );
        expect(tierIndex(a)).toBe(Math.max(byScore, worstVeto));
      }),
      { numRuns: 300 },
    );
  });

  it('adding an ACTIVE penalty, abnormal listing or complaint never gives a better tier', () => {
    fc.assert(
      fc.property(
        classified.chain((s) => fc.tuple(fc.constant(s), negativeRecordArb(s.asOf))),
        ([{ profile, asOf }, extra]) => {
          const before = run(profile, asOf, model);
          const after = run({ ...profile, records: [...profile.records, extra] }, asOf, model);
          expect(tierIndex(after)).toBeGreaterThanOrEqual(tierIndex(before));
          expect(after.score).toBeLessThanOrEqual(before.score);
        },
      ),
      { numRuns: 300 },
    );
  });

  /**
   * Repair removes a record from the score. That can only help when the record
   * could only lower the score: kinds whose points are all <= 0 and whose
   * removal exposes no other record (unlike a tax rating or an annual report),
   * and, for inspections, PROBLEM and NOT_FOUND but not PASS.
   */
  const NEGATIVE_KINDS: RecordKind[] = [
    'PENALTY',
    'ABNORMAL_LISTING',
    'SERIOUS_DISHONESTY_LISTING',
    'COMPLAINT',
    'JUDGMENT_DEBTOR',
    'LEGAL_REP_CHANGE',
    'ADDRESS_CHANGE',
  ];
  const onlyLowers = (r: CreditRecordInput) =>
    NEGATIVE_KINDS.includes(r.kind) || (r.kind === 'INSPECTION' && r.result !== 'PASS');

  it('repairing a record that can only lower the score never gives a worse tier', () => {
    const withNegative = classified.filter((s) => s.profile.records.some(onlyLowers));
    fc.assert(
      fc.property(withNegative, fc.nat(), ({ profile, asOf }, pick) => {
        const candidates = profile.records.filter(onlyLowers);
        const target = candidates[pick % candidates.length];
        const repaired = {
          ...profile,
          records: profile.records.map((r) =>
            r === target ? { ...r, status: 'REPAIRED' as const } : r,
          ),
        };
        const before = run(profile, asOf, model);
        const after = run(repaired, asOf, model);
        expect(tierIndex(after)).toBeLessThanOrEqual(tierIndex(before));
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic, also with another evaluation in between', () => {
    fc.assert(
      fc.property(classified, classified, (s, other) => {
        const first = JSON.stringify(evaluate(s.profile, model, s.asOf));
        evaluate(other.profile, model, other.asOf);
        expect(JSON.stringify(evaluate(s.profile, model, s.asOf))).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  it('nothing changes before nextReviewOn: every day of the interval, walked', () => {
    fc.assert(
      fc.property(classified, ({ profile, asOf }) => {
        const base = run(profile, asOf, model);
        const start = parseDay(asOf);
        const next = base.nextReviewOn === null ? start + 3000 : parseDay(base.nextReviewOn);
        expect(next).toBeGreaterThan(start);
        const expected = withoutAsOf(base);
        // The whole interval when short; else its start, its end and a sample.
        const last = next - 1;
        const days =
          last - start <= 500
            ? Array.from({ length: last - start }, (_, i) => start + 1 + i)
            : [
                start + 1,
                start + 2,
                last - 1,
                last,
                ...Array.from(
                  { length: 40 },
                  (_, i) => start + Math.floor(((i + 1) * (last - start)) / 41),
                ),
              ];
        for (const d of days) {
          const got = withoutAsOf(evaluate(profile, model, formatDay(d)));
          if (got !== expected) {
            throw new Error(
              `changed on ${formatDay(d)}, before nextReviewOn ${base.nextReviewOn} (asOf ${asOf})`,
            );
          }
        }
      }),
      { numRuns: 250 },
    );
  });
});

describe('not classified', () => {
  it('CANCELLED enterprises are never classified, whatever their records', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, asOf }) => {
        expect(evaluate({ ...profile, status: 'CANCELLED' }, V1, asOf)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });
});
