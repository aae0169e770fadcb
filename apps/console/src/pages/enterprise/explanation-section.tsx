import { Section } from '../../components/common';
import { TierBadge } from '../../components/tier-badge';
import { Waterfall } from '../../components/waterfall';
import { fmt } from '../../format';
import { useI18n } from '../../i18n';
import type { Assessment, Tier } from '../../types';

/** Why: the waterfall of points, the vetoes that cap the tier, and the factor table that sums to the score. */
export function ExplanationSection({ a }: { a: Assessment }) {
  const { t, code, label } = useI18n();
  const factorSum = a.factors.reduce((s, f) => s + f.points, 0);
  const base = a.base ?? a.score - factorSum;
  return (
    <Section title={t('explanation')} id="explanation">
      <p className="muted small">{t('waterfallDesc')}</p>
      <Waterfall a={a} />
      <div className="note veto-box" data-testid="vetoes">
        <h3>{t('vetoes')}</h3>
        {a.vetoes.length === 0 ? (
          <p className="muted">{t('noVetoes')}</p>
        ) : (
          <ul>
            {a.vetoes.map((v) => (
              <li key={v.code} data-veto={v.code}>
                <strong>{label(v.label, v.code)}</strong> → {t('vetoAtMost')}{' '}
                <TierBadge tier={v.effect.replace('AT_MOST_', '') as Tier} />
                {v.recordIds.length > 0 && (
                  <span className="muted small">
                    {' '}
                    ({t('record')} #{v.recordIds.join(', #')})
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <details>
        <summary>
          {t('indicator')} · {t('points')}
        </summary>
        <table className="data" data-testid="factor-table">
          <thead>
            <tr>
              <th scope="col">{t('indicator')}</th>
              <th scope="col" className="num">
                {t('points')}
              </th>
              <th scope="col">{t('records')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('base')}</th>
              <td className="num" data-testid="base-points" data-value={base}>
                {fmt.int(base)}
              </td>
              <td />
            </tr>
            {a.factors.map((f) => (
              <tr key={f.code} className={f.points === 0 ? 'muted' : ''}>
                <th scope="row">
                  {f.code} {label(f.label, '')}
                  {f.category && (
                    <span className="muted small"> · {code('category', f.category)}</span>
                  )}
                </th>
                <td className="num" data-factor={f.code} data-value={f.points}>
                  {fmt.signed(f.points)}
                </td>
                <td className="small">{f.recordIds.length ? `#${f.recordIds.join(', #')}` : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('sumCheck')}</th>
              <td className="num">{fmt.int(a.score)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </details>
    </Section>
  );
}
