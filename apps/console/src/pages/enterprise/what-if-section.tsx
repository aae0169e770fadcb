import { useState } from 'react';
import { api } from '../../api';
import { ErrorNote, Section } from '../../components/common';
import { TierBadge } from '../../components/tier-badge';
import { fmt } from '../../format';
import { useI18n } from '../../i18n';
import type { Simulation } from '../../types';

/** What the tier would be without the ticked records (POST /risk/simulate); nothing is stored. */
export function WhatIfSection({ uscc, without }: { uscc: string; without: ReadonlySet<number> }) {
  const { t } = useI18n();
  const [sim, setSim] = useState<{ result?: Simulation; error?: Error; busy?: boolean }>({});
  const simulate = async () => {
    if (without.size === 0) {
      setSim({ error: new Error(t('pickRecord')) });
      return;
    }
    setSim({ busy: true });
    try {
      const result = await api<Simulation>('/risk/simulate', {
        method: 'POST',
        body: { uscc, without: [...without] },
      });
      setSim({ result });
    } catch (error) {
      setSim({ error: error as Error });
    }
  };
  return (
    <Section title={t('whatIf')} id="what-if">
      <p className="muted small">{t('whatIfHelp')}</p>
      <button type="button" className="primary" onClick={simulate} disabled={sim.busy}>
        {t('simulate')}
      </button>
      {sim.error && <ErrorNote error={sim.error} />}
      {sim.result && (
        <table className="data what-if" data-testid="what-if-result" aria-live="polite">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t('tier')}</th>
              <th scope="col" className="num">
                {t('score')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('current')}</th>
              <td>
                <TierBadge tier={sim.result.baseline.tier} />
              </td>
              <td className="num">{fmt.int(sim.result.baseline.score)}</td>
            </tr>
            <tr>
              <th scope="row">
                {t('simulated')} (− #{sim.result.without.join(', #')})
              </th>
              <td>
                <TierBadge tier={sim.result.tier} />
              </td>
              <td className="num" data-testid="what-if-score" data-value={sim.result.score}>
                {fmt.int(sim.result.score)}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('change')}</th>
              <td />
              <td className="num">{fmt.signed(sim.result.score - sim.result.baseline.score)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </Section>
  );
}
