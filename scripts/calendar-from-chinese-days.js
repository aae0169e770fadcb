#!/usr/bin/env node
/**
 * Writes config/calendar/<year>.yaml, one file per State Council notice
 * (国务院办公厅关于<year>年部分节假日安排的通知), from the data of the
 * `chinese-days` package. Run once to seed the calendar; from then on the files
 * are the source of truth and next year's notice is added by hand each November
 * (docs/repair.md). Usage: node scripts/calendar-from-chinese-days.js [outDir]
 *
 * A notice may start the New Year holiday in the previous December (the 2019
 * notice: 30–31 Dec 2018 off, Sat 29 Dec 2018 worked), so a December date of
 * the New Year holiday goes into the next year's file: the file holds what its
 * notice says, and the loader accepts December dates of the previous year.
 */
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const outDir = process.argv[2] ?? join(ROOT, 'config/calendar');
const data = require('chinese-days/dist/chinese-days.json');
const { version } = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/chinese-days/package.json'), 'utf8'),
);

/** The year of the notice that decided `date`, given its festival's English name. */
function noticeYear(date, english) {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) === '12' && english === "New Year's Day" ? year + 1 : year;
}

const years = new Map();
for (const kind of ['holidays', 'workdays']) {
  for (const [date, value] of Object.entries(data[kind])) {
    const [english, chinese] = value.split(',');
    const year = noticeYear(date, english);
    if (!years.has(year)) years.set(year, { holidays: [], workdays: [] });
    years.get(year)[kind].push({ date, label: `${chinese} ${english}` });
  }
}

mkdirSync(outDir, { recursive: true });
for (const [year, days] of [...years].sort(([a], [b]) => a - b)) {
  const list = (entries) =>
    entries
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((e) => `  - '${e.date}' # ${e.label}`)
      .join('\n');
  const text = [
    `# Seeded by scripts/calendar-from-chinese-days.js from chinese-days ${version}.`,
    '# The service reads this file, not the package; correct it against the notice.',
    `year: ${year}`,
    `source: 国务院办公厅关于${year}年部分节假日安排的通知`,
    '# Days off (weekends inside a holiday included).',
    'holidays:',
    list(days.holidays),
    '# 调休: weekend days worked.',
    days.workdays.length ? 'workdays:' : 'workdays: []',
    ...(days.workdays.length ? [list(days.workdays)] : []),
    '',
  ].join('\n');
  writeFileSync(join(outDir, `${year}.yaml`), text);
}
console.log(`wrote ${years.size} files to ${outDir}`);
