import { fmt } from '../format';
import { useI18n } from '../i18n';
import type { Assessment, Tier } from '../types';
import { TIER_COLORS } from './tier-badge';

interface Step {
  key: string;
  label: string;
  from: number;
  to: number;
  kind: 'base' | 'up' | 'down' | 'total' | 'clamp';
}

/**
 * The score as a waterfall: the model's base, each indicator's points (those that
 * are not 0) moving the running total, then the score. Dashed lines mark the tier
 * thresholds. The axis is cut to the range the bars need, with ticks to say so.
 */
export function Waterfall({ a }: { a: Assessment }) {
  const { t, label } = useI18n();
  const base = a.base ?? a.score - a.factors.reduce((s, f) => s + f.points, 0);
  const steps: Step[] = [{ key: 'base', label: t('base'), from: 0, to: base, kind: 'base' }];
  let running = base;
  for (const f of a.factors) {
    if (f.points === 0) continue;
    steps.push({
      key: f.code,
      label: `${f.code} ${label(f.label, '')}`.trim(),
      from: running,
      to: running + f.points,
      kind: f.points > 0 ? 'up' : 'down',
    });
    running += f.points;
  }
  if (running !== a.score) {
    steps.push({ key: 'clamp', label: t('clamped'), from: running, to: a.score, kind: 'clamp' });
  }
  steps.push({ key: 'score', label: t('score'), from: 0, to: a.score, kind: 'total' });

  const th = a.thresholds ?? { A: 700, B: 600, C: 450 };
  const values = steps.flatMap((s) =>
    s.kind === 'base' || s.kind === 'total' ? [s.to] : [s.from, s.to],
  );
  const lo = Math.max(0, Math.floor((Math.min(...values, th.C) - 60) / 100) * 100);
  const hi = Math.min(1000, Math.ceil((Math.max(...values, th.A) + 40) / 100) * 100);
  const labelW = 230;
  const plotW = 440;
  const valueW = 70;
  const rowH = 26;
  const top = 24;
  const height = top + steps.length * rowH + 24;
  const x = (v: number) => labelW + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * plotW;
  const ticks: number[] = [];
  for (let v = lo; v <= hi; v += 100) ticks.push(v);
  const tierLines: [Tier, number][] = [
    ['A', th.A],
    ['B', th.B],
    ['C', th.C],
  ];

  return (
    <figure className="chart waterfall">
      <svg
        viewBox={`0 0 ${labelW + plotW + valueW} ${height}`}
        role="img"
        aria-label={`${t('explanation')}: ${t('base')} ${fmt.int(base)}, ${steps
          .filter((s) => s.kind === 'up' || s.kind === 'down' || s.kind === 'clamp')
          .map((s) => `${s.label} ${fmt.signed(s.to - s.from)}`)
          .join(', ')}; ${t('score')} ${fmt.int(a.score)}`}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={top - 4} y2={height - 20} className="grid" />
            <text x={x(v)} y={height - 6} textAnchor="middle" className="axis">
              {fmt.int(v)}
            </text>
          </g>
        ))}
        {tierLines.map(([tier, v]) =>
          v > lo && v < hi ? (
            <g key={tier}>
              <line x1={x(v)} x2={x(v)} y1={top - 8} y2={height - 20} className="threshold" />
              <text x={x(v) + 3} y={top - 10} className="axis small">
                {`≥${fmt.int(v)} ${tier}`}
              </text>
            </g>
          ) : null,
        )}
        {steps.map((s, i) => {
          const y = top + i * rowH;
          const x0 = x(Math.min(s.from, s.to));
          const x1 = x(Math.max(s.from, s.to));
          const fill =
            s.kind === 'up'
              ? '#2e7d32'
              : s.kind === 'down'
                ? '#c62828'
                : s.kind === 'clamp'
                  ? '#757575'
                  : s.kind === 'total'
                    ? TIER_COLORS[a.tier].fill
                    : '#546e7a';
          const delta = s.to - s.from;
          return (
            <g key={s.key} data-step={s.key}>
              <text
                x={labelW - 8}
                y={y + rowH / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="axis"
              >
                {s.label.length > 22 ? `${s.label.slice(0, 21)}…` : s.label}
              </text>
              <rect x={x0} y={y + 4} width={Math.max(2, x1 - x0)} height={rowH - 8} fill={fill}>
                <title>{`${s.label}: ${s.kind === 'base' || s.kind === 'total' ? fmt.int(s.to) : fmt.signed(delta)}`}</title>
              </rect>
              {i < steps.length - 1 && s.kind !== 'total' && (
                <line
                  x1={x(s.to)}
                  x2={x(s.to)}
                  y1={y + rowH - 4}
                  y2={y + rowH + 4}
                  className="connector"
                />
              )}
              <text
                x={labelW + plotW + valueW - 4}
                y={y + rowH / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className={`value ${s.kind}`}
              >
                {s.kind === 'base' || s.kind === 'total' ? fmt.int(s.to) : fmt.signed(delta)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
