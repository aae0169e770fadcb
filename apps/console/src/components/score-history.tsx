import { fmt } from '../format';
import { useI18n } from '../i18n';
import type { Assessment } from '../types';
import { TIER_COLORS } from './tier-badge';

/** Score over time (oldest left), each point in its tier's colour; the table below has the figures. */
export function ScoreHistory({ items }: { items: Assessment[] }) {
  const { t } = useI18n();
  const points = [...items].reverse();
  if (points.length === 0) return null;
  const w = 640;
  const h = 140;
  const pad = 36;
  const scores = points.map((p) => p.score);
  const lo = Math.max(0, Math.floor((Math.min(...scores) - 50) / 100) * 100);
  const hi = Math.min(1000, Math.ceil((Math.max(...scores) + 50) / 100) * 100);
  const x = (i: number) =>
    points.length === 1 ? w / 2 : pad + (i / (points.length - 1)) * (w - 2 * pad);
  const y = (v: number) => 10 + (1 - (v - lo) / (hi - lo || 1)) * (h - 40);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={t('history')}>
        {[lo, (lo + hi) / 2, hi].map((v) => (
          <g key={v}>
            <line x1={pad} x2={w - 10} y1={y(v)} y2={y(v)} className="grid" />
            <text
              x={pad - 4}
              y={y(v)}
              textAnchor="end"
              dominantBaseline="middle"
              className="axis small"
            >
              {fmt.int(v)}
            </text>
          </g>
        ))}
        <polyline
          fill="none"
          stroke="#546e7a"
          strokeWidth={2}
          points={points.map((p, i) => `${x(i)},${y(p.score)}`).join(' ')}
        />
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={x(i)} cy={y(p.score)} r={6} fill={TIER_COLORS[p.tier].fill}>
              <title>{`${p.asOf} ${p.tier} ${fmt.int(p.score)}`}</title>
            </circle>
            <text x={x(i)} y={h - 8} textAnchor="middle" className="axis small">
              {p.asOf}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
