import { ErrorNote, Loading, Section } from '../components/common';
import { TierDistribution } from '../components/tier-distribution';
import { TransitionMatrix } from '../components/transition-matrix';
import { fmt } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { changesOf, type Application, type Page, type Run, type Summary } from '../types';
import { useApi } from '../use-api';

export function Overview() {
  const { t, code } = useI18n();
  const summary = useApi<Summary>('/risk/summary?groupBy=subregion');
  // The latest run the figures can stand on: completed, stored (not a dry run), covering the
  // whole jurisdiction; the API restricts its counts to the jurisdiction.
  const runs = useApi<Page<Run>>(
    '/reclassifications?status=completed&dryRun=false&covering=true&pageSize=1',
  );
  const overdue = useApi<Page<Application>>('/repair-applications?overdue=true&pageSize=1');
  const last = runs.data?.items[0];
  return (
    <>
      <h1>{t('overviewTitle')}</h1>
      <div className="kpis">
        <div className="kpi">
          <span className="kpi-label">{t('enterprisesClassified')}</span>
          <span className="kpi-value" data-testid="kpi-total">
            {summary.data ? fmt.int(summary.data.total) : '…'}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('overdueApplications')}</span>
          <span className="kpi-value" data-testid="kpi-overdue">
            {overdue.data ? fmt.int(overdue.data.total) : overdue.error ? '—' : '…'}
          </span>
          <Link to="/repairs?overdue=true">{t('viewQueue')}</Link>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('lastRun')}</span>
          <span className="kpi-value small">
            {last
              ? `#${fmt.int(last.id)} · ${code('run', last.status)}`
              : runs.data
                ? t('noRuns')
                : runs.error
                  ? '—'
                  : '…'}
          </span>
          {last && (
            <span className="muted small">
              {last.asOf} · {t(last.mode === 'full' ? 'modeFull' : 'modeIncremental')}
              {last.dryRun ? ` · ${t('dryRunShort')}` : ''}
            </span>
          )}
        </div>
      </div>

      <Section title={t('tierDistribution')} id="dist">
        {summary.error ? (
          <ErrorNote error={summary.error} onRetry={summary.reload} />
        ) : summary.data ? (
          <TierDistribution summary={summary.data} />
        ) : (
          <Loading />
        )}
      </Section>

      <Section title={t('lastRun')} id="last-run">
        {runs.error ? (
          <ErrorNote error={runs.error} onRetry={runs.reload} />
        ) : !runs.data ? (
          <Loading />
        ) : !last ? (
          <p className="muted">{t('noRuns')}</p>
        ) : (
          <div className="split">
            <dl className="facts">
              <dt>#</dt>
              <dd>{fmt.int(last.id)}</dd>
              <dt>{t('status')}</dt>
              <dd>{code('run', last.status)}</dd>
              <dt>{t('mode')}</dt>
              <dd>
                {t(last.mode === 'full' ? 'modeFull' : 'modeIncremental')}
                {last.dryRun ? ` · ${t('dryRunShort')}` : ''}
              </dd>
              <dt>{t('asOf')}</dt>
              <dd>{last.asOf}</dd>
              <dt>{t('processed')}</dt>
              <dd>
                {fmt.int(last.processed)} / {fmt.int(last.total)}
              </dd>
              {changesOf(last).first > 0 && (
                <>
                  <dt>{t('firstClassified')}</dt>
                  <dd data-testid="first-classified">{fmt.int(changesOf(last).first)}</dd>
                </>
              )}
              <dt>{t('changed')}</dt>
              <dd data-testid="run-changed">{fmt.int(changesOf(last).changed)}</dd>
              <dt>{t('countsFor')}</dt>
              <dd data-testid="counts-region">{last.countsRegion ?? t('wholeCountry')}</dd>
              <dt>{t('finishedAt')}</dt>
              <dd>{fmt.dateTime(last.finishedAt)}</dd>
            </dl>
            <TransitionMatrix run={last} />
          </div>
        )}
      </Section>
      {overdue.error && <ErrorNote error={overdue.error} onRetry={overdue.reload} />}
    </>
  );
}
