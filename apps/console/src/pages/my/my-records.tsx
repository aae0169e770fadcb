import { ErrorNote, Loading } from '../../components/common';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import type { CreditRecord, Eligibility, Enterprise, Page } from '../../types';
import { useApi } from '../../use-api';

/** Kinds the repair workflow may apply to; others are shown without a repair line. */
const ADVERSE = new Set(['PENALTY', 'ABNORMAL_LISTING', 'SERIOUS_DISHONESTY_LISTING']);

/**
 * 我的信用记录: the enterprise's own public records and, for each adverse one,
 * whether it can be repaired now, from when, or why not in a sentence. Reads
 * only the profile, the records and the eligibility check: nothing about
 * tiers, scores or measures is ever requested.
 */
export function MyRecords({ uscc }: { uscc: string }) {
  const { t } = useI18n();
  const profile = useApi<Enterprise>(`/enterprises/${uscc}`);
  const records = useApi<Page<CreditRecord>>(`/enterprises/${uscc}/records?pageSize=100`);
  if (profile.error) return <ErrorNote error={profile.error} onRetry={profile.reload} />;
  if (records.error) return <ErrorNote error={records.error} onRetry={records.reload} />;
  if (!records.data) return <Loading />;
  const items = records.data.items;
  return (
    <>
      <h1>{t('myRecordsTitle')}</h1>
      {profile.data && (
        <p className="lead">
          {profile.data.name} · <span className="mono">{uscc}</span>
        </p>
      )}
      <p className="muted">{t('myRecordsIntro')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('myNoRecords')}</p>
      ) : (
        <ul className="record-cards" data-testid="my-records">
          {items.map((r) => (
            <RecordCard key={r.id} record={r} />
          ))}
        </ul>
      )}
    </>
  );
}

function RecordCard({ record: r }: { record: CreditRecord }) {
  const { t, code } = useI18n();
  // A negative inspection result is adverse too (repairable under Order 107; the API says when).
  const adverse = ADVERSE.has(r.kind) || (r.kind === 'INSPECTION' && r.result !== 'PASS');
  const repairable = adverse && r.status === 'ACTIVE';
  return (
    <li className="card record-card" data-testid={`record-${r.id}`}>
      <h2 className="record-title">
        {code('kind', r.kind)}
        {r.severity && <span className="tag">{code('severity', r.severity)}</span>}
        <span className={`status record-${r.status.toLowerCase()}`} data-testid="record-status">
          {code('recordStatus', r.status)}
        </span>
      </h2>
      <dl className="facts">
        <dt>{t('occurredOn')}</dt>
        <dd>{r.occurredOn}</dd>
        {r.documentNo && (
          <>
            <dt>{t('documentNo')}</dt>
            <dd>{r.documentNo}</dd>
          </>
        )}
        {r.publicUntil && (
          <>
            <dt>{t('publicUntil')}</dt>
            <dd data-testid="public-until">{r.publicUntil}</dd>
          </>
        )}
        {r.violationType && (
          <>
            <dt>{t('violationType')}</dt>
            <dd>{r.violationType}</dd>
          </>
        )}
      </dl>
      {repairable && <RepairLine recordId={r.id} />}
    </li>
  );
}

function RepairLine({ recordId }: { recordId: number }) {
  const { t, code } = useI18n();
  const e = useApi<Eligibility>(`/repair-applications/eligibility?recordId=${recordId}`);
  if (e.error) return <ErrorNote error={e.error} onRetry={e.reload} />;
  if (!e.data) return <Loading />;
  const unmet = e.data.conditions.filter((c) => !c.met && c.code !== 'MATERIALS_MISSING');
  if (unmet.length === 0) {
    return (
      <div className="note ok" data-testid="eligible">
        <p>{t('repairable')}</p>
        <Link className="button primary" to={`/my/records/${recordId}/apply`}>
          {t('applyRepair')}
        </Link>
      </div>
    );
  }
  // Time alone lifts it when every unmet condition has a date: say from when.
  const dates = unmet.map((c) => c.earliestOn);
  const from = dates.every(Boolean) ? [...(dates as string[])].sort().at(-1) : undefined;
  return (
    <div className="note warn" data-testid="not-eligible">
      {from ? (
        <p data-testid="eligible-from">
          {t('repairableFrom')} <strong>{from}</strong>
        </p>
      ) : (
        <p>{t('notRepairable')}</p>
      )}
      <ul>
        {unmet.map((c) => (
          <li key={c.code} data-code={c.code}>
            {code('unmet', c.code)}
            {c.earliestOn && ` (${c.earliestOn})`}
          </li>
        ))}
      </ul>
    </div>
  );
}
