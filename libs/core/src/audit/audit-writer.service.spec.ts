import type { AppConfig } from '../config/app-config';
import { AuditEntry } from './audit-entry';
import { AuditWriter } from './audit-writer.service';
import type { AuditRepository } from './audit.repository';

const entry = (n: number): AuditEntry => ({
  at: new Date('2026-06-30T00:00:00Z'),
  actorSub: `regulator-${n}`,
  actorRole: 'regulator',
  actorRegion: '33',
  action: 'risk.read',
  resource: null,
  uscc: null,
  statusCode: 200,
  requestId: `req-${n}`,
  clientRequestId: null,
  ip: null,
});

/** A repository whose inserts wait until the test lets them finish (or fail). */
function fakeDatabase() {
  const inserts: { entries: AuditEntry[]; finish: (err?: Error) => void }[] = [];
  const db = {
    insert: (entries: AuditEntry[]) =>
      new Promise<void>((resolve, reject) =>
        inserts.push({ entries, finish: (err) => (err ? reject(err) : resolve()) }),
      ),
  };
  return { db: db as unknown as AuditRepository, inserts };
}

const settle = () => new Promise((r) => setImmediate(r));

function writer(db: AuditRepository, maxBuffered = 100) {
  const config = {
    env: { AUDIT_FLUSH_MS: 60_000, AUDIT_BATCH_SIZE: 5, AUDIT_MAX_BUFFERED: maxBuffered },
  };
  return new AuditWriter(db, config as unknown as AppConfig);
}

describe('AuditWriter', () => {
  it('writes a full batch at once, and what arrives meanwhile waits for the next full batch', async () => {
    const { db, inserts } = fakeDatabase();
    const w = writer(db);
    for (let i = 0; i < 5; i++) w.add(entry(i));
    expect(inserts).toHaveLength(1);
    for (let i = 5; i < 8; i++) w.add(entry(i));
    inserts[0].finish();
    await settle();
    // Three entries arrived during the INSERT: no small INSERT chases them.
    expect(inserts).toHaveLength(1);
    expect(w.pending).toBe(3);
    for (let i = 8; i < 10; i++) w.add(entry(i));
    expect(inserts).toHaveLength(2);
    expect(inserts[1].entries.map((e) => e.requestId)).toEqual([
      'req-5',
      'req-6',
      'req-7',
      'req-8',
      'req-9',
    ]);
  });

  it('flush() writes everything buffered by the call, after a flush in progress', async () => {
    const { db, inserts } = fakeDatabase();
    const w = writer(db);
    for (let i = 0; i < 5; i++) w.add(entry(i));
    w.add(entry(5));
    const flushed = w.flush();
    inserts[0].finish();
    await settle();
    expect(inserts).toHaveLength(2);
    expect(inserts[1].entries.map((e) => e.requestId)).toEqual(['req-5']);
    inserts[1].finish();
    await flushed;
    expect(w.pending).toBe(0);
  });

  it('keeps entries when MySQL fails, retries on flush, not on every entry', async () => {
    const { db, inserts } = fakeDatabase();
    const w = writer(db);
    for (let i = 0; i < 5; i++) w.add(entry(i));
    inserts[0].finish(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await settle();
    for (let i = 5; i < 12; i++) w.add(entry(i));
    expect(inserts).toHaveLength(1);
    expect(w.pending).toBe(12);
    const flushed = w.flush();
    await settle();
    inserts[1].finish();
    await settle();
    inserts[2].finish();
    await settle();
    inserts[3].finish();
    await flushed;
    expect(inserts.slice(1).flatMap((i) => i.entries.map((e) => e.requestId))).toEqual(
      Array.from({ length: 12 }, (_, i) => `req-${i}`),
    );
    expect(w.pending).toBe(0);
  });

  it('past AUDIT_MAX_BUFFERED while MySQL fails it is full and keeps every entry, then writes them all', async () => {
    const { db, inserts } = fakeDatabase();
    const w = writer(db, 7);
    for (let i = 0; i < 5; i++) w.add(entry(i));
    inserts[0].finish(new Error('connect ECONNREFUSED'));
    await settle();
    for (let i = 5; i < 9; i++) w.add(entry(i)); // past the cap: requests already admitted
    expect(w.full).toBe(true);
    expect(w.pending).toBe(9);
    const flushed = w.flush();
    inserts[1].finish();
    await settle();
    inserts[2].finish();
    await flushed;
    expect(w.full).toBe(false);
    expect(inserts.slice(1).flatMap((x) => x.entries.map((e) => e.requestId))).toEqual(
      Array.from({ length: 9 }, (_, i) => `req-${i}`),
    );
  });
});
