import fc from 'fast-check';
import { loadModelDirectory, type CompiledModel } from '@app/scoring';
import { join } from 'node:path';
import { assessmentViewJson } from './assessment-json';
import { assessmentView, type AssessmentRow } from './assessment.view';

const MODELS = [...loadModelDirectory(join(__dirname, '../../../../config/models')).values()];

/** Stored rows as the API reads them: some of the model's codes (or others), points, record ids. */
function rowArb(model: CompiledModel | undefined): fc.Arbitrary<AssessmentRow> {
  const codes = model ? model.indicators.map((i) => i.code) : ['B1', 'X9'];
  const vetoCodes = model ? model.vetoes.map((v) => v.code) : ['V1'];
  const ids = fc.array(fc.nat(), { maxLength: 4 });
  const factor = fc.record(
    {
      code: fc.oneof(fc.constantFrom(...codes), fc.string()),
      points: fc.integer(),
      recordIds: ids,
    },
    { requiredKeys: ['code', 'points'] },
  );
  const veto = fc.record({
    code: fc.oneof(fc.constantFrom(...vetoCodes), fc.string()),
    effect: fc.string(),
    recordIds: ids,
  });
  return fc.record({
    tier: fc.constantFrom('A', 'B', 'C', 'D'),
    score: fc.integer({ min: 0, max: 1000 }),
    model_version: fc.string({ unit: 'grapheme' }),
    model_hash: fc.string(),
    as_of: fc.string(),
    next_review_on: fc.option(fc.string({ unit: 'binary' })),
    // MariaDB gives JSON columns as text, MySQL 8 as values: both.
    factors: fc
      .uniqueArray(factor, { selector: (f) => f.code, maxLength: 6 })
      .chain((fs) => fc.constantFrom(fs, JSON.stringify(fs))),
    vetoes: fc.array(veto, { maxLength: 2 }),
    assessed_at: fc.option(fc.date({ noInvalidDate: true }), { nil: undefined }),
  });
}

describe('assessmentViewJson', () => {
  it.each([...MODELS.map((m) => [m.version, m] as const), ['no model', undefined] as const])(
    'writes what JSON.stringify writes, under %s',
    (_name, model) => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), rowArb(model), (uscc, row) => {
          const view = assessmentView(uscc, row, model);
          expect(assessmentViewJson(view)).toBe(JSON.stringify(view));
        }),
        { numRuns: 300 },
      );
    },
  );

  it('does not reuse a label object’s text for another code or category', () => {
    const label = { zh: '标签', en: 'label' };
    const view = assessmentView('91110000600037341L', row(), undefined);
    const a = {
      ...view,
      factors: [{ code: 'B1', category: 'basic', label, points: 1, recordIds: [] }],
    };
    const b = {
      ...view,
      factors: [{ code: 'B2', category: 'social', label, points: 2, recordIds: [7] }],
    };
    expect(assessmentViewJson(a)).toBe(JSON.stringify(a));
    expect(assessmentViewJson(b)).toBe(JSON.stringify(b));
  });
});

function row(): AssessmentRow {
  return {
    tier: 'A',
    score: 720,
    model_version: 'm',
    model_hash: 'h',
    as_of: '2026-06-30',
    next_review_on: null,
    factors: '[]',
    vetoes: '[]',
  };
}
