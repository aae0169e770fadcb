import { ErrorNote, Loading, Section } from '../../components/common';
import { ScoreHistory } from '../../components/score-history';
import { TierBadge } from '../../components/tier-badge';
import { fmt } from '../../format';
import { useI18n } from '../../i18n';
import type { Assessment, Page } from '../../types';
import type { Loaded } from '../../use-api';
import { triggerText } from './words';

/** The assessments that changed something, newest first, with what triggered each. */
export function HistorySection({ history }: { history: Loaded<Page<Assessment>> }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Section title={t('history')} id="history">
      {history.error ? (
        <ErrorNote error={history.error} />
      ) : !history.data ? (
        <Loading />
      ) : (
        <>
          <ScoreHistory items={history.data.items} />
          <table className="data small" data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t('asOf')}</th>
                <th scope="col">{t('tier')}</th>
                <th scope="col" className="num">
                  {t('score')}
                </th>
                <th scope="col">{t('trigger')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((h, i) => (
                <tr key={i}>
                  <td>{h.asOf}</td>
                  <td>
                    <TierBadge tier={h.tier} />
                  </td>
                  <td className="num">{fmt.int(h.score)}</td>
                  <td className="small">{triggerText(h.trigger, i18n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}
