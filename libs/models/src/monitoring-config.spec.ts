import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMonitoringConfig } from './monitoring-config';

const write = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'crs-monitoring-')), 'model-monitoring.yaml');
  writeFileSync(file, text);
  return file;
};

describe('loadMonitoringConfig', () => {
  it('reads the shipped file', () => {
    const c = loadMonitoringConfig(join(__dirname, '../../../config/model-monitoring.yaml'));
    expect(c.psi).toEqual({ watch: 0.1, alert: 0.25 });
    expect(c.performance.windowDays).toBe(365);
  });

  it('names the bad field', () => {
    const file = write('psi: { watch: 0.3, alert: 0.25 }\nperformance: { windowDays: 365 }\n');
    expect(() => loadMonitoringConfig(file)).toThrow(/psi: psi.watch must be below psi.alert/);
    const typo = write('psi: { watch: 0.1, alert: 0.25 }\nperformance: { windowDays: -1 }\n');
    expect(() => loadMonitoringConfig(typo)).toThrow(/performance.windowDays/);
  });
});
