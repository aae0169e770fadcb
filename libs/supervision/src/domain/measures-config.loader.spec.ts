import { resolve } from 'node:path';
import { stringify } from 'yaml';
import {
  MeasuresConfigError,
  loadMeasuresConfig,
  parseMeasuresConfig,
} from './measures-config.loader';

const SHIPPED = resolve(__dirname, '../../../../config/measures.yaml');

function withChange(change: (config: Record<string, unknown>) => void): string {
  const config = structuredClone(loadMeasuresConfig(SHIPPED)) as unknown as Record<string, unknown>;
  change(config);
  return stringify(config);
}

function problem(text: string): MeasuresConfigError {
  try {
    parseMeasuresConfig(text, 'config/measures.yaml');
  } catch (e) {
    if (e instanceof MeasuresConfigError) return e;
    throw e;
  }
  throw new Error('expected a MeasuresConfigError');
}

// Loosely typed views into the parsed file for mutation.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('measures config loader', () => {
  it('loads the shipped file with ratios inside the domain ranges', () => {
    const config = loadMeasuresConfig(SHIPPED);
    expect(config.inspection.ratios).toEqual({
      A: { default: 0.05, min: 0, max: 0.05 },
      B: { default: 0.1, min: 0.05, max: 0.2 },
      C: { default: 0.4, min: 0.21, max: 0.6 },
      D: { default: 0.8, min: 0.61, max: 1 },
    });
    expect(config.measures.length).toBeGreaterThan(10);
    for (const m of config.measures) expect(m.basis.length).toBeGreaterThan(0);
  });

  it('names the file and the path of a bad field', () => {
    const e = problem(
      withChange((c) => {
        ((c as Loose).measures[0].when[0].tiers as string[]).push('E');
      }),
    );
    expect(e.message).toMatch(/^config\/measures\.yaml: measures\[0\]\.when\[0\]\.tiers\[1\]: /);
    expect(e.file).toBe('config/measures.yaml');
  });

  it('refuses unknown keys, unknown legal bases and duplicate ids', () => {
    const typo = problem(
      withChange((c) => {
        (c as Loose).measures[1].whne = [];
      }),
    );
    expect(typo.issues[0].path).toBe('measures[1]');
    expect(typo.issues[0].message).toContain('whne');

    const basis = problem(
      withChange((c) => {
        (c as Loose).measures[2].basis = ['no-such-law'];
      }),
    );
    expect(basis.issues).toEqual([
      {
        path: 'measures[2].basis[0]',
        message: "unknown legal basis 'no-such-law' (not in legalBases)",
      },
    ]);

    const dup = problem(
      withChange((c) => {
        (c as Loose).measures[3].id = (c as Loose).measures[0].id;
      }),
    );
    expect(dup.issues.map((i) => i.path)).toEqual(['measures[3].id']);
  });

  it('refuses a default outside its range and over-precise ratios', () => {
    const e = problem(
      withChange((c) => {
        (c as Loose).inspection.ratios.B.default = 0.3;
        (c as Loose).inspection.ratios.C.max = 0.600001;
      }),
    );
    expect(e.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['inspection.ratios.B.default', 'inspection.ratios.C.max']),
    );
  });

  it('reports broken YAML and a missing file with the file name', () => {
    expect(problem('measures: [').message).toMatch(/^config\/measures\.yaml: invalid YAML/);
    expect(() => loadMeasuresConfig('config/nope.yaml')).toThrow(
      /^config\/nope\.yaml: cannot read/,
    );
  });
});
