/**
 * The one search rule for enterprises (a USCC prefix, or a substring of the
 * name), for alias `alias`: as TypeORM named parameters and as positional ones,
 * so every list that searches enterprises (the registry's search, the risk
 * list) matches the same ones.
 */
export function enterpriseMatch(q: string, alias: string) {
  const contains = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const upper = q.toUpperCase();
  if (/^[0-9A-Z]{1,18}$/.test(upper)) {
    const prefix = `${upper}%`;
    return {
      sql: `(${alias}.uscc LIKE :prefix OR ${alias}.name LIKE :contains)`,
      named: { prefix, contains },
      positional: {
        sql: `(${alias}.uscc LIKE ? OR ${alias}.name LIKE ?)`,
        params: [prefix, contains],
      },
    };
  }
  return {
    sql: `${alias}.name LIKE :contains`,
    named: { contains },
    positional: { sql: `${alias}.name LIKE ?`, params: [contains] },
  };
}
