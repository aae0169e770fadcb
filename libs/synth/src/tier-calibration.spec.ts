import { join } from 'node:path';
import { evaluate, loadModelFile, type Tier } from '@app/scoring';
import { generateProfiles } from './profile-builder';

/**
 * The default rates must make the default model reproduce the published
 * distribution (Dandong 2023: A 65%, B 25%, C 7.7%, D 1.5%) within the
 * brief's ranges, on a population of the size the seed command writes.
 */
const RANGES: Record<Tier, [number, number]> = { A: [60, 70], B: [20, 30], C: [5, 10], D: [1, 3] };

describe('tier calibration of the default rates under samr-general-v1', () => {
  it('classifies 100k enterprises as A 60–70%, B 20–30%, C 5–10%, D 1–3%', () => {
    const model = loadModelFile(join(__dirname, '../../../config/models/samr-general-v1.yaml'));
    const asOf = '2026-06-30';
    const counts: Record<Tier, number> = { A: 0, B: 0, C: 0, D: 0 };
    let classified = 0;
    for (const batch of generateProfiles({ enterprises: 100_000, seed: 42, asOf })) {
      for (const profile of batch) {
        const assessment = evaluate(profile, model, asOf);
        if (assessment === null) continue; // CANCELLED: not classified
        counts[assessment.tier]++;
        classified++;
      }
    }
    for (const tier of Object.keys(RANGES) as Tier[]) {
      const share = (100 * counts[tier]) / classified;
      const [low, high] = RANGES[tier];
      expect({
        tier,
        share: Math.round(share * 10) / 10,
        inRange: share >= low && share <= high,
      }).toEqual({
        tier,
        share: expect.any(Number),
        inRange: true,
      });
    }
  }, 60_000);
});
