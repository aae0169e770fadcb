import { insertRows, toMoney, Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CreateRecordDto } from '../dto/create-record.dto';
import { PersonLinkDto } from '../dto/replace-persons.dto';
import { UpsertEnterpriseDto } from '../dto/upsert-enterprise.dto';
import { emptyTally, ImportItem, ImportTally } from '../import/import-item';
import { InputsChangeMarker, LISTING_KINDS } from './inputs-change-marker.service';
import { PartnerEventWriter } from './partner-event.writer';
import { RECORD_VALUE_COLUMNS, recordValues, relatedRecordProblem } from './record-values';

/** What a write did, beyond the import's counters: for the single writes' answers and re-scoring. */
export interface RegistryWrite extends ImportTally {
  /** Enterprises whose inputs changed (inputs_changed_at moved): those to re-score. */
  changedIds: number[];
  /** USCCs created by this write. */
  created: Set<string>;
  /** The id of the record inserted, when exactly one was. */
  insertedRecordId?: number;
}

/** An enterprise whose status this write changed (partners act on REVOKED and CANCELLED). */
interface StatusChange {
  id: number;
  uscc: string;
  name: string;
  regionCode: string;
  status: string;
}

/** Columns whose change can change the assessment; as EnterpriseService compares them. */
const INPUT_COLUMNS = [
  'region_code',
  'industry_code',
  'type',
  'registered_capital',
  'established_on',
  'status',
] as const;

/** An enterprise row as the upsert writes it, in this order. */
const ENTERPRISE_COLUMNS = ['uscc', 'name', ...INPUT_COLUMNS, 'inputs_changed_at'];

interface EnterpriseRow {
  id: string | number;
  uscc: string;
  name: string;
  region_code: string;
  industry_code: string;
  type: string;
  registered_capital: string;
  established_on: string;
  status: string;
  inputs_changed_at: Date;
}

/**
 * The registry's one write path, for a single PUT/POST (one item) and for an
 * import batch (thousands) alike: a handful of multi-row statements inside the
 * caller's transaction (so an import batch and its checkpoint commit
 * together). Enterprises are upserted by USCC, records appended (skipped when
 * their `reference` is already on file for that enterprise), persons replace
 * the links. `inputs_changed_at` moves for every enterprise whose inputs
 * changed, and for enterprises linked through a person when listings are
 * involved (InputsChangeMarker's rule). Nothing is queued here: the single
 * writes re-score `changedIds` after commit (RegistryWrites), an import runs
 * one incremental reclassification (see docs/import.md).
 */
@Injectable()
export class RegistryWriter {
  constructor(
    private readonly clock: Clock,
    private readonly marker: InputsChangeMarker,
    private readonly events: PartnerEventWriter,
  ) {}

  async write(m: EntityManager, items: ImportItem[]): Promise<RegistryWrite> {
    const now = this.clock.now();
    const tally: RegistryWrite = { ...emptyTally(), changedIds: [], created: new Set() };
    tally.lines = items.length;
    // Locked in USCC order (the index order), so concurrent imports cannot deadlock on them.
    const usccs = [...new Set(items.map((i) => i.uscc))].sort();
    const existing = await this.lockEnterprises(m, usccs);

    // A record/persons line needs its enterprise in the registry or on an earlier line.
    const declaredOn = new Map<string, number>();
    for (const i of items)
      if (i.kind === 'enterprise' && !declaredOn.has(i.uscc)) declaredOn.set(i.uscc, i.line);
    const owners = await this.relatedRecordOwners(m, items);
    const applied: ImportItem[] = [];
    for (const i of items) {
      const known = existing.has(i.uscc) || (declaredOn.get(i.uscc) ?? Infinity) < i.line;
      const problem = recordsOf(i)
        .filter((r) => r.relatedRecordId !== undefined)
        .map((r) =>
          relatedRecordProblem(r.relatedRecordId!, owners.get(r.relatedRecordId!), i.uscc),
        )
        .find((p) => p !== null);
      if (!(i.kind === 'enterprise' || known))
        tally.rejected.push({
          line: i.line,
          reason: `enterprise ${i.uscc} not found (neither in the registry nor on an earlier line)`,
          field: 'uscc',
        });
      else if (problem)
        tally.rejected.push({ line: i.line, reason: problem, field: 'relatedRecordId' });
      else applied.push(i);
    }
    tally.accepted = applied.length;
    tally.enterprises = applied.filter((i) => i.kind === 'enterprise').length;

    // `stamped`: inputs_changed_at already set by the upsert; `changed`: still to be set.
    const stamped = new Set<number>();
    const changed = new Set<number>();
    const statusChanges: StatusChange[] = [];
    const ids = await this.upsertEnterprises(m, applied, existing, now, stamped, statusChanges);
    await this.events.enterpriseStatus(m, statusChanges, now);
    for (const i of applied) if (!existing.has(i.uscc)) tally.created.add(i.uscc);
    // Enterprises created just now have no records or links on file: nothing to look up.
    const preexisting = new Set([...existing.values()].map((r) => Number(r.id)));
    // The region each enterprise is registered in after this batch: the default record authority.
    const regionOf = new Map<number, string>();
    for (const r of existing.values()) regionOf.set(Number(r.id), r.region_code);
    for (const i of applied)
      if (i.kind === 'enterprise') regionOf.set(ids.get(i.uscc)!, i.enterprise.regionCode);
    const { listed, firstId } = await this.insertRecords(
      m,
      applied,
      ids,
      regionOf,
      preexisting,
      tally,
      changed,
    );
    // Partners act on listings: announced in this transaction (the outbox).
    if (firstId !== null) await this.events.listingsAdded(m, [...listed], firstId, now);
    await this.replacePersons(m, applied, ids, preexisting, tally, changed, listed);
    for (const id of stamped) changed.delete(id);
    if (changed.size > 0)
      await m.query('UPDATE enterprises SET inputs_changed_at = ? WHERE id IN (?)', [
        now,
        [...changed].sort((a, b) => a - b),
      ]);
    tally.inputsChanged = stamped.size + changed.size;
    tally.changedIds = [...stamped, ...changed].sort((a, b) => a - b);
    return tally;
  }

  private async lockEnterprises(m: EntityManager, usccs: string[]) {
    const rows: EnterpriseRow[] = usccs.length
      ? await m.query(
          `SELECT id, uscc, name, region_code, industry_code, type, registered_capital,
                  established_on, status, inputs_changed_at
             FROM enterprises WHERE uscc IN (?) ORDER BY uscc FOR UPDATE`,
          [usccs],
        )
      : [];
    return new Map(rows.map((r) => [r.uscc, r]));
  }

  /** Inserts new and updates changed enterprises in one statement; returns every id by USCC. */
  private async upsertEnterprises(
    m: EntityManager,
    items: ImportItem[],
    existing: Map<string, EnterpriseRow>,
    now: Date,
    stamped: Set<number>,
    statusChanges: StatusChange[],
  ): Promise<Map<string, number>> {
    const ids = new Map([...existing].map(([uscc, r]) => [uscc, Number(r.id)]));
    const latest = new Map<string, UpsertEnterpriseDto>();
    for (const i of items) if (i.kind === 'enterprise') latest.set(i.uscc, i.enterprise);
    const rows: unknown[][] = [];
    const created: string[] = [];
    for (const [uscc, dto] of [...latest].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const next = {
        name: dto.name,
        region_code: dto.regionCode,
        industry_code: dto.industryCode,
        type: dto.type,
        registered_capital: toMoney(dto.registeredCapital),
        established_on: dto.establishedOn,
        status: dto.status,
      };
      const before = existing.get(uscc);
      const inputsChanged =
        !before || INPUT_COLUMNS.some((c) => String(before[c]) !== String(next[c]));
      if (before && !inputsChanged && before.name === next.name) continue;
      if (!before) created.push(uscc);
      else if (inputsChanged) stamped.add(Number(before.id));
      if (before && before.status !== next.status)
        statusChanges.push({
          id: Number(before.id),
          uscc,
          name: next.name,
          regionCode: next.region_code,
          status: next.status,
        });
      rows.push([
        uscc,
        next.name,
        ...INPUT_COLUMNS.map((c) => next[c]),
        inputsChanged ? now : before!.inputs_changed_at,
      ]);
    }
    if (rows.length === 0) return ids;
    await insertRows(
      m,
      'enterprises',
      ENTERPRISE_COLUMNS,
      rows,
      `ON DUPLICATE KEY UPDATE ${ENTERPRISE_COLUMNS.filter((c) => c !== 'uscc')
        .map((c) => `${c} = VALUES(${c})`)
        .join(', ')}`,
    );
    if (created.length > 0) {
      const fresh: { id: string | number; uscc: string }[] = await m.query(
        'SELECT id, uscc FROM enterprises WHERE uscc IN (?)',
        [created],
      );
      for (const r of fresh) {
        ids.set(r.uscc, Number(r.id));
        stamped.add(Number(r.id));
      }
    }
    return ids;
  }

  /**
   * Appends the records; one whose `reference` is already on file for its
   * enterprise (or earlier in the batch) is skipped, so re-importing a file is
   * harmless for referenced records. Returns the enterprises given a listing.
   */
  /** The USCC owning each record a line names as `relatedRecordId`. */
  private async relatedRecordOwners(m: EntityManager, items: ImportItem[]) {
    const wanted = [
      ...new Set(items.flatMap((i) => recordsOf(i).map((r) => r.relatedRecordId))),
    ].filter((id) => id !== undefined);
    const rows: { id: string | number; uscc: string }[] = wanted.length
      ? await m.query(
          `SELECT r.id, e.uscc FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
            WHERE r.id IN (?)`,
          [wanted],
        )
      : [];
    return new Map(rows.map((r) => [Number(r.id), r.uscc]));
  }

  private async insertRecords(
    m: EntityManager,
    items: ImportItem[],
    ids: Map<string, number>,
    regionOf: Map<number, string>,
    preexisting: Set<number>,
    tally: RegistryWrite,
    changed: Set<number>,
  ): Promise<{ listed: Set<number>; firstId: number | null }> {
    const incoming: { enterpriseId: number; record: CreateRecordDto }[] = [];
    for (const i of items) {
      const enterpriseId = ids.get(i.uscc)!;
      if (i.kind === 'enterprise')
        for (const record of i.records) incoming.push({ enterpriseId, record });
      if (i.kind === 'record') incoming.push({ enterpriseId, record: i.record });
    }
    const listed = new Set<number>();
    if (incoming.length === 0) return { listed, firstId: null };

    const refs = incoming.filter((r) => r.record.reference && preexisting.has(r.enterpriseId));
    const seen = new Set<string>();
    if (refs.length > 0) {
      // Served by the (enterprise_id, …) index: a few rows per enterprise.
      const onFile: { enterprise_id: string | number; reference: string }[] = await m.query(
        `SELECT enterprise_id, reference FROM credit_records
          WHERE enterprise_id IN (?) AND reference IN (?)`,
        [
          [...new Set(refs.map((r) => r.enterpriseId))],
          [...new Set(refs.map((r) => r.record.reference))],
        ],
      );
      for (const r of onFile) seen.add(`${Number(r.enterprise_id)}\u0000${r.reference}`);
    }
    const rows: unknown[][] = [];
    for (const { enterpriseId, record: r } of incoming) {
      if (r.reference) {
        const key = `${enterpriseId}\u0000${r.reference}`;
        if (seen.has(key)) {
          tally.recordsSkipped++;
          continue;
        }
        seen.add(key);
      }
      changed.add(enterpriseId);
      if (LISTING_KINDS.includes(r.kind)) listed.add(enterpriseId);
      const values = recordValues(r, { id: enterpriseId, regionCode: regionOf.get(enterpriseId)! });
      rows.push(RECORD_VALUE_COLUMNS.map((c) => values[c]));
    }
    tally.records = rows.length;
    if (rows.length > 0) {
      // Enterprise order keeps the secondary index inserts close together.
      rows.sort((a, b) => Number(a[0]) - Number(b[0]));
      const { insertId } = await insertRows(m, 'credit_records', RECORD_VALUE_COLUMNS, rows);
      // Only one row's id is certain: a multi-row insert's ids need not be consecutive (Galera).
      if (rows.length === 1) tally.insertedRecordId = Number(insertId);
      // …but every one is at least the first.
      return { listed, firstId: Number(insertId) };
    }
    return { listed, firstId: null };
  }

  /**
   * Replaces person links (the last set given per enterprise wins) where they
   * differ from what is on file, and marks the enterprises whose inputs that
   * changes (added to `changed`): the enterprise itself, and — when it carries
   * an active listing — everyone linked to it before and after.
   */
  private async replacePersons(
    m: EntityManager,
    items: ImportItem[],
    ids: Map<string, number>,
    preexisting: Set<number>,
    tally: ImportTally,
    changed: Set<number>,
    newlyListed: Set<number>,
  ): Promise<void> {
    const sets = new Map<number, PersonLinkDto[]>();
    for (const i of items) {
      const persons = i.kind === 'record' ? undefined : i.persons;
      if (persons)
        sets.set(ids.get(i.uscc)!, [
          ...new Map(persons.map((p) => [`${p.idHash}|${p.role}`, p])).values(),
        ]);
    }
    let relinked: number[] = [];
    if (sets.size > 0) {
      for (const s of sets.values()) tally.persons += s.length;
      const people = [...new Map([...sets.values()].flat().map((p) => [p.idHash, p])).values()];
      if (people.length > 0) {
        people.sort((a, b) => (a.idHash < b.idHash ? -1 : 1));
        await insertRows(
          m,
          'persons',
          ['id_hash', 'name'],
          people.map((p) => [p.idHash, p.name]),
          'ON DUPLICATE KEY UPDATE name = VALUES(name)',
        );
      }
      const [fresh, known] = partition([...sets.keys()], (id) => !preexisting.has(id));
      relinked = [
        ...fresh.filter((id) => sets.get(id)!.length > 0),
        ...(known.length ? await this.differingLinkSets(m, known, sets) : []),
      ].sort((a, b) => a - b);
    }
    const sources = new Set(newlyListed);
    const relinkedKnown = relinked.filter((id) => preexisting.has(id));
    if (relinkedKnown.length > 0) {
      const listedBefore = await this.marker.withActiveListing(m, relinkedKnown);
      for (const id of await this.marker.linkedTo(m, listedBefore)) changed.add(id);
      for (const id of listedBefore) sources.add(id);
      await m.query('DELETE FROM enterprise_persons WHERE enterprise_id IN (?)', [relinkedKnown]);
    }
    if (relinked.length > 0) {
      const hashes = [...new Set(relinked.flatMap((id) => sets.get(id)!.map((p) => p.idHash)))];
      if (hashes.length > 0) {
        const personIds: { id: string | number; id_hash: string }[] = await m.query(
          'SELECT id, id_hash FROM persons WHERE id_hash IN (?)',
          [hashes],
        );
        const byHash = new Map(personIds.map((p) => [p.id_hash, Number(p.id)]));
        const links = relinked.flatMap((id) =>
          sets.get(id)!.map((p) => [id, byHash.get(p.idHash), p.role]),
        );
        if (links.length > 0)
          await insertRows(m, 'enterprise_persons', ['enterprise_id', 'person_id', 'role'], links);
      }
      for (const id of relinked) changed.add(id);
    }
    for (const id of await this.marker.linkedTo(m, [...sources])) changed.add(id);
  }

  /** Those of `ids` whose links on file differ from the set given. */
  private async differingLinkSets(
    m: EntityManager,
    ids: number[],
    sets: Map<number, PersonLinkDto[]>,
  ): Promise<number[]> {
    const onFile: { enterprise_id: string | number; id_hash: string; role: string }[] =
      await m.query(
        `SELECT ep.enterprise_id, p.id_hash, ep.role
           FROM enterprise_persons ep JOIN persons p ON p.id = ep.person_id
          WHERE ep.enterprise_id IN (?)`,
        [ids],
      );
    const current = new Map<number, Set<string>>();
    for (const r of onFile) {
      const id = Number(r.enterprise_id);
      if (!current.has(id)) current.set(id, new Set());
      current.get(id)!.add(`${r.id_hash}|${r.role}`);
    }
    return ids.filter((id) => {
      const wanted = sets.get(id)!;
      const have = current.get(id) ?? new Set<string>();
      return have.size !== wanted.length || wanted.some((p) => !have.has(`${p.idHash}|${p.role}`));
    });
  }
}

function partition<T>(xs: T[], pred: (x: T) => boolean): [T[], T[]] {
  return [xs.filter(pred), xs.filter((x) => !pred(x))];
}

function recordsOf(i: ImportItem): CreateRecordDto[] {
  if (i.kind === 'enterprise') return i.records;
  return i.kind === 'record' ? [i.record] : [];
}
