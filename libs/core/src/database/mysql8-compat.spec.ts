import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The schema and every statement must also run on MySQL 8. No MySQL 8 server
 * can be had on this machine (not in Debian's archive, no Docker), so this
 * guards the one way they drift apart: MariaDB-only syntax in our SQL.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const MARIADB_ONLY: [RegExp, string][] = [
  [/\bRETURNING\b/i, 'INSERT/DELETE … RETURNING'],
  [/\bCREATE\s+OR\s+REPLACE\s+TABLE\b/i, 'CREATE OR REPLACE TABLE'],
  [/\bADD\s+(COLUMN|INDEX|KEY)\s+IF\s+NOT\s+EXISTS\b/i, 'ADD … IF NOT EXISTS'],
  [/\bDROP\s+(COLUMN|INDEX|KEY)\s+IF\s+EXISTS\b/i, 'DROP COLUMN/INDEX IF EXISTS'],
  [/\bJSON_(DETAILED|EQUALS|NORMALIZE|LOOSE|COMPACT)\s*\(/i, 'MariaDB JSON functions'],
  [/\bCREATE\s+SEQUENCE\b|\bNEXTVAL\s*\(/i, 'sequences'],
  [/\bLIMIT\s+ROWS\s+EXAMINED\b/i, 'LIMIT ROWS EXAMINED'],
  [/\bWITH\s+SYSTEM\s+VERSIONING\b/i, 'system-versioned tables'],
  [/\bENGINE\s*=\s*(Aria|ColumnStore|S3|Spider)\b/i, 'MariaDB-only engines'],
  [/\b(INET4|INET6|UUID)\s+(NOT\s+NULL|NULL|,)/i, 'MariaDB-only column types'],
  [/\bCOLUMN_(CREATE|GET|ADD)\s*\(/i, 'dynamic columns'],
  [/\bFETCH\s+(FIRST|NEXT)\s+\d*\s*ROWS?\b/i, 'FETCH FIRST … ROWS'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

describe('SQL stays MySQL 8 compatible', () => {
  const files = ['apps', 'libs', 'bench'].flatMap((d) => sourceFiles(join(ROOT, d)));

  it('finds the SQL it is meant to check', () => {
    const withSql = files.filter((f) =>
      /\b(SELECT|INSERT INTO|CREATE TABLE)\b/.test(readFileSync(f, 'utf8')),
    );
    expect(withSql.length).toBeGreaterThan(10);
    expect(withSql.some((f) => f.includes('migrations'))).toBe(true);
  });

  it.each(MARIADB_ONLY)('uses no MariaDB-only syntax: %s', (pattern) => {
    const offenders = files
      .filter((f) => pattern.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('upserts with VALUES(), the form both servers accept (not the MySQL-only row alias)', () => {
    const aliasForm =
      /ON\s+DUPLICATE\s+KEY\s+UPDATE[^;`]*\bAS\s+new\b|VALUES\s*\?\s*AS\s+\w+\s+ON\s+DUPLICATE/i;
    expect(files.filter((f) => aliasForm.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
