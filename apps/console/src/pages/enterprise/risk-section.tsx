import { ApiError } from '../../api';
import { ErrorNote, Loading, Section } from '../../components/common';
import { TierBadge } from '../../components/tier-badge';
import { fmt } from '../../format';
import { useI18n } from '../../i18n';
import type { Assessment } from '../../types';
import type { Loaded } from '../../use-api';

/** The current tier and score, with when and by which model they were computed. */
export function RiskSection({ risk, known }: { risk: Loaded<Assessment>; known: boolean }) {
  const { t } = useI18n();
  const a = risk.data;
  return (
    <Section title={t('riskTitle')} id="risk">
      {risk.error ? (
        // An enterprise on file that no run has reached yet is not an error.
        risk.error instanceof ApiError && risk.error.status === 404 && known ? (
          <p className="muted">{t('notAssessed')}</p>
        ) : (
          <ErrorNote error={risk.error} />
        )
      ) : !a ? (
        <Loading />
      ) : (
        <div className="risk-head" data-testid="risk-head">
          <TierBadge tier={a.tier} long />
          <div>
            <span className="muted small">{t('score')}</span>
            <div className="score" data-testid="score" data-value={a.score}>
              {fmt.int(a.score)}
            </div>
          </div>
          <dl className="facts small">
            <dt>{t('asOf')}</dt>
            <dd>{a.asOf}</dd>
            <dt>{t('assessedAt')}</dt>
            <dd>{fmt.dateTime(a.assessedAt)}</dd>
            <dt>{t('model')}</dt>
            <dd className="mono">{a.modelVersion}</dd>
          </dl>
        </div>
      )}
    </Section>
  );
}
