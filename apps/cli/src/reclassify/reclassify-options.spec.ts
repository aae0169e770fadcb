import { CliError } from '../args';
import { parseReclassifyOptions } from './reclassify-options';

describe('reclassify options', () => {
  it('maps flags onto the API body', () => {
    const o = parseReclassifyOptions([
      '--mode',
      'full',
      '--region',
      '3301',
      '--as-of',
      '2026-06-30',
      '--model',
      'samr-general-v2-draft',
      '--dry-run',
      '--follow',
    ]);
    expect(o.follow).toBe(true);
    expect({ ...o.run }).toEqual({
      mode: 'full',
      region: '3301',
      asOf: '2026-06-30',
      modelVersion: 'samr-general-v2-draft',
      dryRun: true,
    });
  });

  it('defaults to a real run, not followed', () => {
    const o = parseReclassifyOptions(['--mode', 'incremental']);
    expect(o.follow).toBe(false);
    expect(o.run).toMatchObject({ mode: 'incremental', dryRun: false });
  });

  it('names the flag in every refusal, as the API validates', () => {
    expect(() => parseReclassifyOptions(['--region', '123', '--as-of', '2026-02-30'])).toThrow(
      new CliError(
        '--mode: must be one of the following values: full, incremental\n' +
          '  --region: must be 2, 4 or 6 digits, not 00\n' +
          '  --as-of: must be a date YYYY-MM-DD',
      ),
    );
  });

  it('refuses unknown flags and stray arguments', () => {
    expect(() => parseReclassifyOptions(['--mode', 'full', '--fast'])).toThrow(CliError);
    expect(() => parseReclassifyOptions(['--mode', 'full', 'now'])).toThrow(
      /unexpected argument 'now'/,
    );
  });
});
