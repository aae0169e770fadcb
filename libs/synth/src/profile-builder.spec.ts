import type { EnterpriseProfile, LinkedListingInput } from '@app/scoring';
import { generatePopulation } from './population-generator';
import { buildProfiles, generateProfiles } from './profile-builder';

const OPTIONS = { enterprises: 5_000, seed: 11, asOf: '2026-06-30', batchSize: 500 };

describe('generateProfiles', () => {
  const profiles: EnterpriseProfile[] = [...generateProfiles(OPTIONS)].flat();
  const batches = [...generatePopulation(OPTIONS)];

  it('yields one profile per enterprise with its own records', () => {
    expect(profiles.map((p) => p.id)).toEqual(Array.from({ length: 5_000 }, (_, i) => i + 1));
    const records = batches.flatMap((b) => b.records);
    expect(profiles.flatMap((p) => p.records.map((r) => r.id))).toEqual(records.map((r) => r.id));
    for (const p of profiles)
      expect(p.records.every((r) => (r as { enterpriseId?: number }).enterpriseId === p.id)).toBe(
        true,
      );
  });

  it('carries the listings of other enterprises sharing a person, as a whole-population join would', () => {
    // Reference: one join over the whole population, no streaming window.
    const whole = {
      enterprises: batches.flatMap((b) => b.enterprises),
      records: batches.flatMap((b) => b.records),
      persons: batches.flatMap((b) => b.persons),
      links: batches.flatMap((b) => b.links),
    };
    const reference = buildProfiles(whole);
    expect(JSON.stringify(profiles)).toBe(JSON.stringify(reference));

    const withLinked = profiles.filter((p) => p.linkedListings.length > 0);
    expect(withLinked.length).toBeGreaterThan(20);
    const kinds = new Set<LinkedListingInput['kind']>();
    for (const p of withLinked) {
      for (const l of p.linkedListings) {
        expect(l.enterpriseId).not.toBe(p.id);
        expect(Math.abs(l.enterpriseId - p.id)).toBeLessThanOrEqual(200);
        kinds.add(l.kind);
      }
    }
    expect([...kinds].sort()).toEqual(['ABNORMAL_LISTING', 'SERIOUS_DISHONESTY_LISTING']);
  });
});
