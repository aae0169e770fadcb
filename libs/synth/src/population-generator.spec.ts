import { createHash } from 'node:crypto';
import { RECORD_KINDS } from '@app/scoring';
import { isValidUscc, usccRegion } from '@app/core';
import { generatePopulation } from './population-generator';
import type { PopulationBatch, PopulationOptions } from './population.types';
import { REGIONS } from './regions.data';
import { fakeIdNumber, SHARE_WINDOW } from './relations-generator';
import { seed32 } from './prng';

const AS_OF = '2026-06-30';

function collect(options: PopulationOptions): PopulationBatch[] {
  return [...generatePopulation(options)];
}

function merged(batches: PopulationBatch[]): PopulationBatch {
  return {
    enterprises: batches.flatMap((b) => b.enterprises),
    records: batches.flatMap((b) => b.records),
    persons: batches.flatMap((b) => b.persons),
    links: batches.flatMap((b) => b.links),
  };
}

describe('generatePopulation', () => {
  const batches = collect({ enterprises: 10_000, seed: 42, asOf: AS_OF });
  const all = merged(batches);

  it('is deterministic: same options, same bytes, whatever the batch size', () => {
    const a = JSON.stringify(collect({ enterprises: 2_000, seed: 7, asOf: AS_OF }));
    const b = JSON.stringify(collect({ enterprises: 2_000, seed: 7, asOf: AS_OF }));
    expect(b).toBe(a);
    const small = merged(
      collect({ enterprises: 2_000, seed: 7, asOf: AS_OF, batchSize: SHARE_WINDOW }),
    );
    expect(JSON.stringify(small)).toBe(JSON.stringify(merged(JSON.parse(a))));
  });

  it('differs for another seed', () => {
    const a = merged(collect({ enterprises: 500, seed: 7, asOf: AS_OF }));
    const b = merged(collect({ enterprises: 500, seed: 8, asOf: AS_OF }));
    expect(JSON.stringify(b.enterprises)).not.toBe(JSON.stringify(a.enterprises));
    expect(b.persons[0].idHash).not.toBe(a.persons[0].idHash);
  });

  it('streams batches of batchSize and refuses batches smaller than the sharing window', () => {
    expect(batches).toHaveLength(10);
    expect(batches.every((b) => b.enterprises.length === 1000)).toBe(true);
    expect(() =>
      collect({ enterprises: 10, seed: 1, asOf: AS_OF, batchSize: SHARE_WINDOW - 1 }),
    ).toThrow(RangeError);
    expect(() => collect({ enterprises: 10, seed: 1, asOf: '2026-02-30' })).toThrow(RangeError);
  });

  it('numbers enterprises, records and persons 1..n; records of an enterprise are contiguous and dated in order', () => {
    expect(all.enterprises.every((e, i) => e.id === i + 1)).toBe(true);
    expect(all.persons.every((p, i) => p.id === i + 1)).toBe(true);
    const unordered = all.records.filter((r, i) => {
      if (i === 0) return r.id !== 1;
      const previous = all.records[i - 1];
      if (r.id !== previous.id + 1 || r.enterpriseId < previous.enterpriseId) return true;
      return r.enterpriseId === previous.enterpriseId && r.occurredOn < previous.occurredOn;
    });
    expect(unordered).toEqual([]);
  });

  it('gives valid, unique USCCs whose positions 3-8 are the region code', () => {
    const regionCodes = new Set(REGIONS.map((r) => r.code));
    for (const e of all.enterprises) {
      expect(isValidUscc(e.uscc)).toBe(true);
      expect(usccRegion(e.uscc)).toBe(e.regionCode);
      expect(regionCodes.has(e.regionCode)).toBe(true);
      expect(e.uscc[0]).toBe('9');
    }
    expect(new Set(all.enterprises.map((e) => e.uscc)).size).toBe(all.enterprises.length);
    const kinds = new Set(all.enterprises.map((e) => e.uscc[1]));
    expect([...kinds].sort()).toEqual(['1', '2', '3']);
    expect(regionCodes.size).toBeGreaterThanOrEqual(30);
  });

  it('produces plausible enterprise attributes', () => {
    const statuses = count(all.enterprises.map((e) => e.status));
    expect(statuses.REVOKED / 10_000).toBeGreaterThan(0.005);
    expect(statuses.REVOKED / 10_000).toBeLessThan(0.02);
    expect(statuses.CANCELLED / 10_000).toBeGreaterThan(0.01);
    expect(statuses.CANCELLED / 10_000).toBeLessThan(0.04);
    for (const e of all.enterprises) {
      expect(e.registeredCapital).toBeGreaterThanOrEqual(10_000);
      expect(e.registeredCapital).toBeLessThanOrEqual(100_000_000);
      expect(Math.round(e.registeredCapital * 100) / 100).toBe(e.registeredCapital);
      expect(e.establishedOn <= AS_OF && e.establishedOn > '1996-06-29').toBe(true);
      expect(e.name).toMatch(/(有限公司|经营部|专业合作社)$/);
    }
    const young = all.enterprises.filter((e) => e.establishedOn > '2023-06-30').length;
    const old = all.enterprises.filter((e) => e.establishedOn <= '2016-06-30').length;
    expect(young).toBeGreaterThan(old / 2); // skewed to young firms, yet a long tail
    expect(
      all.enterprises.filter((e) => /^C(1[345]|2[67]|34)/.test(e.industryCode)).length,
    ).toBeGreaterThan(500);
  });

  it('contains every record kind and status, with kind-specific fields, never after asOf', () => {
    const kinds = count(all.records.map((r) => r.kind));
    for (const kind of RECORD_KINDS) expect(kinds[kind]).toBeGreaterThan(0);
    const statuses = count(all.records.map((r) => r.status));
    for (const status of ['ACTIVE', 'REPAIRED', 'EXPIRED', 'REVOKED'])
      expect(statuses[status]).toBeGreaterThan(0);
    expect(statuses.ACTIVE / all.records.length).toBeGreaterThan(0.9);
    for (const r of all.records) {
      expect(r.occurredOn <= AS_OF).toBe(true);
      if (r.kind === 'PENALTY') {
        expect(r.severity).toMatch(/^(MINOR|MODERATE|SERIOUS)$/);
        expect(r.documentNo).toMatch(/^.{2}市监处罚〔\d{4}〕\d+号$/);
        expect(r.amount).toBeGreaterThanOrEqual(0);
        expect(r.restrictive === (r.restrictionEndsOn !== null)).toBe(true);
      }
      if (r.kind === 'ANNUAL_REPORT' || r.kind === 'TAX_RATING')
        expect(typeof r.year).toBe('number');
      if (r.kind === 'INSPECTION') expect(r.result).toMatch(/^(PASS|PROBLEM|NOT_FOUND)$/);
      if (r.kind.endsWith('LISTING') || r.kind === 'JUDGMENT_DEBTOR') expect(r.reason).toBeTruthy();
      if (r.kind === 'HONOR') expect(r.title).toBeTruthy();
    }
    const severities = count(
      all.records.filter((r) => r.kind === 'PENALTY').map((r) => r.severity!),
    );
    expect(Object.keys(severities).sort()).toEqual(['MINOR', 'MODERATE', 'SERIOUS']);
    expect(all.records.some((r) => r.restrictive)).toBe(true);
  });

  it('shares persons between nearby enterprises only, within the same or the previous batch', () => {
    const enterprisesOf = new Map<number, Set<number>>();
    for (const l of all.links) {
      const set = enterprisesOf.get(l.personId) ?? new Set<number>();
      set.add(l.enterpriseId);
      enterprisesOf.set(l.personId, set);
    }
    const sharing = new Set<number>();
    for (const set of enterprisesOf.values()) {
      if (set.size < 2) continue;
      const ids = [...set];
      expect(Math.max(...ids) - Math.min(...ids)).toBeLessThanOrEqual(SHARE_WINDOW);
      ids.forEach((id) => sharing.add(id));
    }
    expect(sharing.size / 10_000).toBeGreaterThan(0.04);
    expect(sharing.size / 10_000).toBeLessThan(0.15);

    const batchOfPerson = new Map<number, number>();
    batches.forEach((b, i) => b.persons.forEach((p) => batchOfPerson.set(p.id, i)));
    batches.forEach((b, i) => {
      for (const l of b.links) {
        const origin = batchOfPerson.get(l.personId)!;
        expect(origin === i || origin === i - 1).toBe(true);
      }
    });
    for (const e of all.enterprises) {
      expect(
        all.links.some((l) => l.enterpriseId === e.id && l.role === 'LEGAL_REPRESENTATIVE'),
      ).toBe(true);
    }
  });

  it('stores persons by salted hash only, never an ID number', () => {
    const hashes = new Set<string>();
    for (const p of all.persons) {
      expect(p.idHash).toMatch(/^[0-9a-f]{64}$/);
      expect(p.name).toMatch(/^\p{Script=Han}{2,3}$/u);
      hashes.add(p.idHash);
    }
    expect(hashes.size).toBe(all.persons.length);
    // The fake numbers exist only inside the generator: rows carry sha256(salt:number).
    const seed = seed32(42);
    const text = JSON.stringify({ ...all, persons: all.persons.map((p) => p.name) });
    for (const p of all.persons.slice(0, 40)) {
      const number = fakeIdNumber(p.id, seed);
      expect(number).toMatch(/^\d{17}[\dX]$/);
      expect(createHash('sha256').update(`synth:${number}`).digest('hex')).toBe(p.idHash);
      expect(text.includes(number)).toBe(false);
    }
    const withoutUscc = all.enterprises.map(({ uscc: _uscc, ...e }) => e);
    const rows = JSON.stringify({
      ...all,
      enterprises: withoutUscc,
      persons: all.persons.map((p) => p.name),
    });
    expect(/\d{17}[\dX]/.test(rows)).toBe(false);
    const salted = merged(
      collect({ enterprises: 200, seed: 42, asOf: AS_OF, personSalt: 'other' }),
    );
    expect(salted.persons[0].idHash).not.toBe(all.persons[0].idHash);
  });
});

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
