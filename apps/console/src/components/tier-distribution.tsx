import { fmt } from '../format';
import { Link } from '../router';
import { useI18n } from '../i18n';
import { TIERS, type Summary } from '../types';
import { TIER_COLORS } from './tier-badge';

/**
 * The jurisdiction's tiers: a table of counts and shares, and stacked 100 % bars
 * (the whole jurisdiction, then each sub-region) with the same numbers in a table
 * for screen readers and for reading exact figures.
 */
export function TierDistribution({ summary }: { summary: Summary }) {
  const { t, code } = useI18n();
  const rows = [
    { region: t('total'), total: summary.total, byTier: summary.byTier },
    ...(summary.subRegions ?? []).map((r) => ({ ...r, region: r.regionName ?? r.region })),
  ];
  const labelW = 110;
  const barW = 600;
  const rowH = 30;
  const gap = 10;
  const height = rows.length * (rowH + gap) + 10;
  return (
    <div className="distribution">
      <table className="data" data-testid="tier-table">
        <caption className="sr-only">{t('tierDistribution')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tier')}</th>
            <th scope="col" className="num">
              {t('count')}
            </th>
            <th scope="col" className="num">
              {t('share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => (
            <tr key={tier}>
              <th scope="row">
                <span className="swatch" style={{ background: TIER_COLORS[tier].fill }} />
                {code('tier', tier)}
              </th>
              <td
                className="num"
                data-testid={`tier-count-${tier}`}
                data-value={summary.byTier[tier]}
              >
                <Link to={listOf(summary.region, tier)}>{fmt.int(summary.byTier[tier])}</Link>
              </td>
              <td className="num" data-testid={`tier-share-${tier}`}>
                {fmt.share(summary.byTier[tier], summary.total)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('total')}</th>
            <td className="num" data-testid="tier-total" data-value={summary.total}>
              {fmt.int(summary.total)}
            </td>
            <td className="num">{summary.total > 0 ? fmt.share(1, 1) : '—'}</td>
          </tr>
        </tfoot>
      </table>

      <figure className="chart">
        <svg
          viewBox={`0 0 ${labelW + barW + 10} ${height}`}
          role="img"
          aria-label={`${t('tierDistribution')} · ${t('bySubRegion')}`}
        >
          {rows.map((row, i) => {
            const y = i * (rowH + gap) + 5;
            let x = labelW;
            return (
              <g key={row.region}>
                <text
                  x={labelW - 8}
                  y={y + rowH / 2}
                  textAnchor="end"
                  dominantBaseline="middle"
                  className="axis"
                >
                  {row.region}
                </text>
                {row.total === 0 && (
                  <rect x={labelW} y={y} width={barW} height={rowH} fill="#eceff1" />
                )}
                {TIERS.map((tier) => {
                  const n = row.byTier[tier];
                  if (!n || row.total === 0) return null;
                  const w = (n / row.total) * barW;
                  const seg = (
                    <g key={tier}>
                      <rect x={x} y={y} width={w} height={rowH} fill={TIER_COLORS[tier].fill}>
                        <title>
                          {`${row.region} ${tier}: ${fmt.int(n)} (${fmt.share(n, row.total)})`}
                        </title>
                      </rect>
                      {w > 64 && (
                        <text
                          x={x + w / 2}
                          y={y + rowH / 2}
                          textAnchor="middle"
                          dominantBaseline="middle"
                          fill={TIER_COLORS[tier].text}
                          className="seg"
                        >
                          {`${tier} ${fmt.share(n, row.total)}`}
                        </text>
                      )}
                    </g>
                  );
                  x += w;
                  return seg;
                })}
              </g>
            );
          })}
        </svg>
        <figcaption className="legend">
          {TIERS.map((tier) => (
            <span key={tier}>
              <span className="swatch" style={{ background: TIER_COLORS[tier].fill }} />
              {code('tier', tier)}
            </span>
          ))}
        </figcaption>
      </figure>

      {summary.subRegions && summary.subRegions.length > 0 && (
        <table className="data" data-testid="subregion-table">
          <caption>{t('bySubRegion')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('region')}</th>
              {TIERS.map((tier) => (
                <th scope="col" className="num" key={tier}>
                  {tier}
                </th>
              ))}
              <th scope="col" className="num">
                {t('total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.subRegions.map((r) => (
              <tr key={r.region}>
                <th scope="row">
                  <Link to={listOf(r.region)}>{r.regionName ?? r.region}</Link>{' '}
                  <span className="muted small mono">{r.region}</span>
                </th>
                {TIERS.map((tier) => (
                  <td className="num" key={tier}>
                    <Link to={listOf(r.region, tier)}>{fmt.int(r.byTier[tier])}</Link>
                    <span className="muted small"> {fmt.share(r.byTier[tier], r.total)}</span>
                  </td>
                ))}
                <td className="num">{fmt.int(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The list a count counts: the enterprise list filtered by region and tier. */
function listOf(region: string, tier?: string): string {
  const p = new URLSearchParams();
  if (region) p.set('region', region);
  if (tier) p.set('tier', tier);
  return `/enterprises${p.size ? `?${p}` : ''}`;
}
