import { resolve } from 'node:path';
import fc from 'fast-check';
import { loadMeasuresConfig } from './measures-config.loader';
import { CreditSituation, measuresInForce } from './measures-in-force';
import { Tier } from './tier';

const config = loadMeasuresConfig(resolve(__dirname, '../../../../config/measures.yaml'));

const clean = (tier: Tier | null): CreditSituation => ({
  tier,
  onSeriousDishonestyList: false,
  onAbnormalList: false,
  judgmentDebtor: false,
});

const JOINT_PUNISHMENT = [
  'sd-licensing-restriction',
  'sd-procurement-restriction',
  'sd-bidding-restriction',
  'sd-subsidy-restriction',
  'sd-honours-ban',
  'sd-credit-restriction',
  'sd-no-commitment-approval',
  'sd-key-supervision',
];

describe('measuresInForce', () => {
  it('gives an A enterprise 无事不扰, the green channel and 容缺受理', () => {
    const measures = measuresInForce(config, clean('A'));
    expect(measures.map((m) => m.id)).toEqual([
      'a-lower-sampling',
      'a-no-disturbance',
      'a-green-channel',
      'a-incomplete-acceptance',
    ]);
    for (const m of measures)
      expect(m.triggers).toEqual([expect.objectContaining({ on: 'tier', tier: 'A' })]);
    const green = measures.find((m) => m.id === 'a-green-channel')!;
    expect(green.zh).toContain('绿色通道');
    expect(green.basis[0].zh).toContain('国发〔2016〕33号');
  });

  it('puts a D enterprise under strict supervision with on-site inspection when needed', () => {
    const measures = measuresInForce(config, clean('D'));
    expect(measures.map((m) => m.id)).toEqual(['d-strict-supervision', 'd-on-site-inspection']);
    expect(measures.every((m) => m.kind === 'SUPERVISION')).toBe(true);
  });

  it('gives B routine sampling and C key attention', () => {
    expect(measuresInForce(config, clean('B')).map((m) => m.id)).toEqual(['b-routine-sampling']);
    expect(measuresInForce(config, clean('C')).map((m) => m.id)).toEqual([
      'c-key-attention',
      'c-raised-sampling',
    ]);
  });

  it('property: the serious dishonest list brings joint punishment and no incentive, whatever the tier', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Tier | null>('A', 'B', 'C', 'D', null),
        fc.boolean(),
        fc.boolean(),
        (tier, onAbnormalList, judgmentDebtor) => {
          const measures = measuresInForce(config, {
            tier,
            onSeriousDishonestyList: true,
            onAbnormalList,
            judgmentDebtor,
          });
          const ids = measures.map((m) => m.id);
          expect(ids).toEqual(expect.arrayContaining(JOINT_PUNISHMENT));
          for (const id of JOINT_PUNISHMENT) {
            const m = measures.find((x) => x.id === id)!;
            expect(m.triggers).toEqual([expect.objectContaining({ on: 'seriousDishonestyList' })]);
          }
          expect(measures.some((m) => m.kind === 'INCENTIVE')).toBe(false);
          expect(ids.some((id) => id.startsWith('a-'))).toBe(false);
        },
      ),
    );
  });

  it('withdraws A relief from a listed enterprise a custom model still rates A', () => {
    const ids = measuresInForce(config, { ...clean('A'), judgmentDebtor: true }).map((m) => m.id);
    expect(ids).toEqual(['jd-restrictions']);
    const abnormal = measuresInForce(config, { ...clean('A'), onAbnormalList: true });
    expect(abnormal.map((m) => m.id)).toEqual(['al-restrictions']);
    expect(abnormal[0].triggers[0].zh).toBe('列入经营异常名录');
  });

  it('gives an unclassified enterprise only what its listings trigger', () => {
    expect(measuresInForce(config, clean(null))).toEqual([]);
  });

  it('reports every trigger that matched', () => {
    const custom = {
      ...config,
      measures: [
        {
          ...config.measures[0],
          unless: [],
          when: [
            { on: 'tier' as const, tiers: ['C' as const, 'D' as const] },
            { on: 'judgmentDebtor' as const },
          ],
        },
      ],
    };
    const [m] = measuresInForce(custom, { ...clean('D'), judgmentDebtor: true });
    expect(m.triggers.map((t) => t.on)).toEqual(['tier', 'judgmentDebtor']);
    expect(m.triggers[0]).toMatchObject({ tier: 'D', en: 'credit risk tier D (high risk)' });
  });
});
