import { useState } from 'react';
import { ApiError } from '../../api';
import { TierBadge } from '../../components/tier-badge';
import { useI18n } from '../../i18n';
import type { Assessment, CreditRecord, Enterprise, Measures, Page } from '../../types';
import { useApi } from '../../use-api';
import type { Role } from '../../auth';
import { ExplanationSection } from './explanation-section';
import { HistorySection } from './history-section';
import { MeasuresSection } from './measures-section';
import { ProfileSection } from './profile-section';
import { RecordsSection } from './records-section';
import { RiskSection } from './risk-section';
import { SearchBox } from './search';
import { WhatIfSection } from './what-if-section';

/**
 * /enterprises/:uscc : one enterprise as a regulator reads it. This page
 * loads the data and holds the what-if selection; each section draws one part.
 */
export function EnterpriseDetail({ uscc, role }: { uscc: string; role: Role }) {
  const { t } = useI18n();
  const profile = useApi<Enterprise>(`/enterprises/${uscc}`);
  const risk = useApi<Assessment>(`/enterprises/${uscc}/risk`);
  const records = useApi<Page<CreditRecord>>(`/enterprises/${uscc}/records?pageSize=500`);
  const history = useApi<Page<Assessment>>(`/enterprises/${uscc}/risk/history?pageSize=50`);
  // Supervision measures are the regulators' (an admin would only meet a 403 there).
  const supervises = role === 'regulator';
  const measures = useApi<Measures>(supervises ? `/enterprises/${uscc}/measures` : null);
  const [without, setWithout] = useState<Set<number>>(new Set());

  const reloadAll = () => {
    profile.reload();
    risk.reload();
    records.reload();
    history.reload();
    measures.reload();
  };
  const toggle = (id: number) =>
    setWithout((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const a = risk.data;
  const riskForbidden = risk.error instanceof ApiError && risk.error.status === 403;

  return (
    <>
      <div className="page-head">
        <h1>
          {profile.data?.name ?? uscc}
          {a && (
            <>
              {' '}
              <TierBadge tier={a.tier} />
            </>
          )}
        </h1>
        <button type="button" onClick={reloadAll}>
          {t('refresh')}
        </button>
      </div>
      <details className="card compact">
        <summary>{t('searchTitle')}</summary>
        <SearchBox />
      </details>

      <div className="grid-2">
        <ProfileSection profile={profile} />
        <RiskSection risk={risk} known={Boolean(profile.data)} />
      </div>
      {a && <ExplanationSection a={a} />}
      <RecordsSection
        records={records}
        selectable={!riskForbidden}
        without={without}
        toggle={toggle}
      />
      {a && <WhatIfSection uscc={uscc} without={without} />}
      <div className="grid-2">
        <HistorySection history={history} />
        {supervises && <MeasuresSection measures={measures} />}
      </div>
    </>
  );
}
