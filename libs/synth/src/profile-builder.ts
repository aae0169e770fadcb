import type { EnterpriseProfile, LinkedListingInput } from '@app/scoring';
import { generatePopulation } from './population-generator';
import type { PopulationBatch, PopulationOptions, RecordRow } from './population.types';

type ListingKind = LinkedListingInput['kind'];

function isListing(kind: RecordRow['kind']): kind is ListingKind {
  return kind === 'SERIOUS_DISHONESTY_LISTING' || kind === 'ABNORMAL_LISTING';
}

/**
 * Turns one batch into engine profiles. `neighbours` are the batches just
 * before and after it: under the SHARE_WINDOW rule every enterprise sharing a
 * person with one of `batch` is in `batch` or a neighbour, so `linkedListings`
 * are complete. Listings are carried whatever their status or date (the engine
 * decides what is in force), ordered by enterprise id, then record id.
 * Records are the batch's own row objects (the extra row fields are ignored).
 */
export function buildProfiles(
  batch: PopulationBatch,
  neighbours: readonly PopulationBatch[] = [],
): EnterpriseProfile[] {
  const all = [...neighbours, batch];
  const enterprisesOf = new Map<number, number[]>();
  const personsOf = new Map<number, number[]>();
  const listingsOf = new Map<number, LinkedListingInput[]>();
  for (const b of all) {
    for (const { enterpriseId, personId } of b.links) {
      push(enterprisesOf, personId, enterpriseId);
      push(personsOf, enterpriseId, personId);
    }
    for (const r of b.records) {
      if (!isListing(r.kind)) continue;
      const listing: LinkedListingInput = {
        enterpriseId: r.enterpriseId,
        recordId: r.id,
        kind: r.kind,
        occurredOn: r.occurredOn,
        status: r.status,
      };
      push(listingsOf, r.enterpriseId, listing);
    }
  }

  const profiles: EnterpriseProfile[] = [];
  let next = 0;
  for (const e of batch.enterprises) {
    const start = next;
    while (next < batch.records.length && batch.records[next].enterpriseId === e.id) next++;
    profiles.push({
      id: e.id,
      uscc: e.uscc,
      regionCode: e.regionCode,
      industryCode: e.industryCode,
      type: e.type,
      registeredCapital: e.registeredCapital,
      establishedOn: e.establishedOn,
      status: e.status,
      records: batch.records.slice(start, next),
      linkedListings: linkedListings(e.id, personsOf, enterprisesOf, listingsOf),
    });
  }
  return profiles;
}

function linkedListings(
  id: number,
  personsOf: Map<number, number[]>,
  enterprisesOf: Map<number, number[]>,
  listingsOf: Map<number, LinkedListingInput[]>,
): LinkedListingInput[] {
  const others = new Set<number>();
  for (const person of personsOf.get(id) ?? []) {
    for (const other of enterprisesOf.get(person) ?? []) if (other !== id) others.add(other);
  }
  if (others.size === 0) return [];
  const out: LinkedListingInput[] = [];
  for (const other of [...others].sort((a, b) => a - b)) out.push(...(listingsOf.get(other) ?? []));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Streams engine profiles batch by batch (each batch is built once its successor exists). */
export function* generateProfiles(
  options: PopulationOptions,
): Generator<EnterpriseProfile[], void, undefined> {
  let previous: PopulationBatch | undefined;
  let current: PopulationBatch | undefined;
  for (const next of generatePopulation(options)) {
    if (current) yield buildProfiles(current, previous ? [previous, next] : [next]);
    previous = current;
    current = next;
  }
  if (current) yield buildProfiles(current, previous ? [previous] : []);
}
