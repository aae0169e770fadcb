import { DataSource, QueryFailedError } from 'typeorm';
import { AppConfig, dataSourceOptions, insertRows } from '@app/core';

/**
 * insertRows sends full groups of rows as a prepared statement of a fixed
 * shape and the rest as text. Both halves must store exactly what one text
 * INSERT of the same rows stores, in one transaction with the caller's other
 * statements. The runs' and the import's own tests write a few rows at a time
 * (the text half), so the prepared half is tested here, on the real server.
 */
describe('insertRows (prepared groups + text remainder)', () => {
  let ds: DataSource;
  const COLUMNS = ['n', 'label', 'day', 'at', 'doc', 'amount', 'flag', 'note'];
  // 6,000 placeholders / 8 columns: groups of 750 rows.
  const GROUP = 750;
  const when = new Date('2026-06-15T02:00:00.123Z');
  const row = (i: number): unknown[] => [
    i,
    i % 3 === 0 ? `名${i}` : `n'"\\${i}`,
    i % 5 === 0 ? null : '2026-02-28',
    when,
    JSON.stringify({ i, tags: ['甲', 'b'] }),
    (i * 1.25).toFixed(2),
    i % 2 === 0,
    i % 7 === 0 ? undefined : 'x',
  ];

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(AppConfig.fromEnvironment()));
    await ds.initialize();
    for (const t of ['probe_prepared', 'probe_text']) {
      await ds.query(`DROP TABLE IF EXISTS ${t}`);
      await ds.query(`CREATE TABLE ${t} (
        id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL UNIQUE, label VARCHAR(20) NOT NULL,
        day DATE NULL, at DATETIME(3) NOT NULL, doc JSON NOT NULL, amount DECIMAL(12,2) NOT NULL,
        flag TINYINT(1) NOT NULL, note VARCHAR(5) NULL)`);
    }
  });
  afterAll(async () => {
    await ds.query('DROP TABLE IF EXISTS probe_prepared, probe_text');
    await ds.destroy();
  });

  it('stores what a text INSERT stores, with the first row’s id and every row counted', async () => {
    const rows = Array.from({ length: 2 * GROUP + 101 }, (_, i) => row(i + 1));
    const result = await ds.transaction((m) => insertRows(m, 'probe_prepared', COLUMNS, rows));
    await ds.query(`INSERT INTO probe_text (${COLUMNS.join(', ')}) VALUES ?`, [rows]);

    expect(result.affectedRows).toBe(rows.length);
    const [first] = await ds.query('SELECT id FROM probe_prepared WHERE n = 1');
    expect(result.insertId).toBe(Number(first.id));
    const read = (t: string) =>
      ds.query(`SELECT ${COLUMNS.join(', ')} FROM ${t} ORDER BY id`) as Promise<object[]>;
    const [prepared, text] = await Promise.all([read('probe_prepared'), read('probe_text')]);
    expect(prepared).toHaveLength(rows.length);
    expect(prepared).toEqual(text);
    // Spot checks against the input, across both halves: order, NULL for undefined, the instant.
    const byN = prepared as { n: number; note: string | null; at: Date; label: string }[];
    expect(byN.map((r) => r.n)).toEqual(rows.map((r) => r[0]));
    expect(byN[6].note).toBeNull();
    expect(byN[GROUP * 2 + 6].note).toBe('x');
    expect(byN[GROUP].at.toISOString()).toBe(when.toISOString());
    expect(byN[2].label).toBe('名3');
  });

  it('applies the statement’s suffix in both halves (ON DUPLICATE KEY UPDATE)', async () => {
    const again = Array.from({ length: GROUP + 3 }, (_, i) => {
      const r = row(i + 1);
      r[1] = `again${i + 1}`;
      return r;
    });
    await ds.transaction((m) =>
      insertRows(
        m,
        'probe_prepared',
        COLUMNS,
        again,
        'ON DUPLICATE KEY UPDATE label = VALUES(label)',
      ),
    );
    const labels = await ds.query(
      'SELECT n, label FROM probe_prepared WHERE n IN (1, ?, ?) ORDER BY n',
      [GROUP, GROUP + 3],
    );
    expect(labels).toEqual([
      { n: 1, label: 'again1' },
      { n: GROUP, label: `again${GROUP}` },
      { n: GROUP + 3, label: `again${GROUP + 3}` },
    ]);
    const [{ c }] = await ds.query('SELECT COUNT(*) AS c FROM probe_prepared');
    expect(Number(c)).toBe(2 * GROUP + 101);
  });

  it('reports a refused value as TypeORM does, and the transaction writes nothing', async () => {
    await ds.query('DELETE FROM probe_prepared');
    const rows = Array.from({ length: GROUP + 10 }, (_, i) => row(100_000 + i));
    rows[GROUP - 1][7] = 'too long for five';
    const attempt = ds.transaction(async (m) => {
      await m.query('INSERT INTO probe_prepared (' + COLUMNS.join(', ') + ') VALUES ?', [
        [row(99_999)],
      ]);
      await insertRows(m, 'probe_prepared', COLUMNS, rows);
    });
    const err = await attempt.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
      'ER_DATA_TOO_LONG',
    );
    const [{ c }] = await ds.query('SELECT COUNT(*) AS c FROM probe_prepared');
    expect(Number(c)).toBe(0);
  });

  it('takes a connection of its own outside a transaction and gives it back', async () => {
    const rows = Array.from({ length: GROUP }, (_, i) => row(200_000 + i));
    for (let i = 0; i < 3; i++) {
      await ds.query('DELETE FROM probe_prepared');
      await insertRows(ds.manager, 'probe_prepared', COLUMNS, rows);
    }
    const [{ c }] = await ds.query('SELECT COUNT(*) AS c FROM probe_prepared');
    expect(Number(c)).toBe(GROUP);
  });
});
