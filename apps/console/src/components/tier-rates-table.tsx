import type { ReactNode } from 'react';
import { fmt } from '../format';
import { useModelText } from '../i18n-models';
import { TIERS, type Tier } from '../types';
import { TierBadge } from './tier-badge';

/** A tier's 问题发现率 with its 95% Wilson interval, as the API gives it. */
export interface TierRate {
  inspected: number;
  problems: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

const percent = new Intl.NumberFormat('zh-CN', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/** A rate as a percentage with one decimal; '—' when there is none. */
export const rateText = (v: number | null | undefined) => (v == null ? '—' : percent.format(v));

/**
 * Problem rate per tier with its interval. The first column counts what was
 * inspected: by default the number inspected, or what the caller says (a
 * plan shows done / drawn).
 */
export function TierRatesTable({
  byTier,
  testId,
  counted,
}: {
  byTier: Record<Tier, TierRate>;
  testId: string;
  counted?: { header: string; cell: (t: Tier) => ReactNode };
}) {
  const { m } = useModelText();
  return (
    <div className="table-scroll">
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{m('status')}</th>
            <th scope="col" className="num">
              {counted?.header ?? m('inspected')}
            </th>
            <th scope="col" className="num">
              {m('problems')}
            </th>
            <th scope="col" className="num">
              {m('rate')}
            </th>
            <th scope="col">{m('interval')}</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((t) => {
            const r = byTier[t];
            return (
              <tr key={t} data-tier={t}>
                <th scope="row">
                  <TierBadge tier={t} />
                </th>
                <td className="num">{counted ? counted.cell(t) : fmt.int(r.inspected)}</td>
                <td className="num">{fmt.int(r.problems)}</td>
                <td className="num" data-testid={`rate-${t}`}>
                  {rateText(r.rate)}
                </td>
                <td data-testid={`interval-${t}`}>
                  {r.low === null ? '—' : `${rateText(r.low)} – ${rateText(r.high)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
