import { parseDay } from './calendar';
import { draftEnterprise, type EnterpriseContext } from './enterprise-factory';
import { annualReportRecords } from './annual-report-records';
import { eventRecords } from './event-records';
import { DEFAULT_RATES, type GenerationRates } from './generation-rates';
import { Prng, seed32 } from './prng';
import { RecordSink } from './record-factory';
import { RelationsGenerator, SHARE_WINDOW } from './relations-generator';
import { MAX_USCC_ID } from './uscc-factory';
import type { PopulationBatch, PopulationOptions } from './population.types';

export const DEFAULT_BATCH_SIZE = 1000;

/**
 * Streams a synthetic population in batches of `batchSize` enterprises with
 * constant memory. Every enterprise draws from its own PRNG stream seeded by
 * (seed, id), so the same options give the same bytes whatever the batch size;
 * only ids (records, persons) are counters over the whole stream.
 */
export function* generatePopulation(
  options: PopulationOptions,
): Generator<PopulationBatch, void, undefined> {
  const { enterprises: total, seed, asOf } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(total) || total < 0 || total > MAX_USCC_ID) {
    throw new RangeError(`enterprises must be an integer in 0..${MAX_USCC_ID}, got ${total}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < SHARE_WINDOW) {
    throw new RangeError(
      `batchSize must be an integer >= ${SHARE_WINDOW} (the person-sharing window)`,
    );
  }
  const rates: GenerationRates = { ...DEFAULT_RATES, ...options.rates };
  const context: EnterpriseContext = {
    seed: seed32(seed),
    asOfDay: parseDay(asOf),
    rates,
    classWeights: rates.riskClasses.map((c) => c.weight),
  };
  const prng = new Prng(context.seed, 0);
  const relations = new RelationsGenerator(options.personSalt ?? 'synth', context.seed);
  const sink = new RecordSink(0);
  let nextRecordId = 1;

  for (let first = 1; first <= total; first += batchSize) {
    const last = Math.min(total, first + batchSize - 1);
    const batch: PopulationBatch = { enterprises: [], records: [], persons: [], links: [] };
    for (let id = first; id <= last; id++) {
      prng.reseed(context.seed, id);
      const draft = draftEnterprise(prng, id, context);
      batch.enterprises.push(draft.row);
      sink.reset(id);
      annualReportRecords(prng, rates, draft, context.asOfDay, sink);
      eventRecords(prng, rates, draft, context.asOfDay, sink);
      nextRecordId = sink.flush(batch.records, nextRecordId);
      relations.generate(prng, draft, batch.persons, batch.links);
    }
    yield batch;
  }
}
