import { fmt } from '../format';
import { useI18n } from '../i18n';
import { TIERS, type Run } from '../types';

/**
 * From (rows) → to (columns): how many enterprises a run moved. The API counts
 * moves only, so the diagonal (unchanged) is shown as "–"; the last row is the
 * run's resulting count per tier.
 */
export function TransitionMatrix({ run }: { run: Run }) {
  const { t } = useI18n();
  return (
    <table className="data matrix" data-testid={`matrix-${run.id}`}>
      <caption>{t('transitionMatrix')}</caption>
      <thead>
        <tr>
          <th scope="col">
            {t('fromTier')} ＼ {t('toTier')}
          </th>
          {TIERS.map((to) => (
            <th scope="col" className="num" key={to}>
              {to}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {TIERS.map((from) => (
          <tr key={from}>
            <th scope="row">{from}</th>
            {TIERS.map((to) => {
              const n = run.transitions[`${from}>${to}`] ?? 0;
              return (
                <td
                  key={to}
                  className={`num ${from === to ? 'diag' : n > 0 ? (to > from ? 'worse' : 'better') : ''}`}
                >
                  {from === to ? '–' : fmt.int(n)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('total')}</th>
          {TIERS.map((to) => (
            <td className="num" key={to}>
              {fmt.int(run.byTier[to] ?? 0)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
