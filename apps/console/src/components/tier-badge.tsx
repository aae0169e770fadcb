import '../i18n-risk';
import { useI18n } from '../i18n';
import type { Tier } from '../types';

/* Regulators' pages only (their lazily loaded chunk): an enterprise never receives tier data. */

export const TIER_COLORS: Record<Tier, { fill: string; text: string }> = {
  A: { fill: '#2e7d32', text: '#ffffff' },
  B: { fill: '#1565c0', text: '#ffffff' },
  C: { fill: '#f2a900', text: '#1a1a1a' },
  D: { fill: '#c62828', text: '#ffffff' },
};

export function TierBadge({ tier, long = false }: { tier: Tier; long?: boolean }) {
  const { code } = useI18n();
  const c = TIER_COLORS[tier];
  return (
    <span
      className="tier-badge"
      data-tier={tier}
      style={{ background: c.fill, color: c.text }}
      title={code('tier', tier)}
    >
      {long ? code('tier', tier) : tier}
    </span>
  );
}
