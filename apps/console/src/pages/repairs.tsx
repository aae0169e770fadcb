import { useState, type FormEvent } from 'react';
import { ErrorNote, Loading, Section } from '../components/common';
import { Pager } from '../components/admin-kit';
import { fmt } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { deadlineOf, type Application, type Page } from '../types';
import { useApi } from '../use-api';

const STATUSES = [
  'SUBMITTED',
  'AWAITING_MATERIALS',
  'ACCEPTED',
  'APPROVED',
  'REJECTED',
  'DENIED',
  'WITHDRAWN',
  'REVOKED',
];

/** /repairs?status=&overdue= : the region's applications, earliest deadline first. */
export function RepairQueue({ params }: { params: URLSearchParams }) {
  const { t, code } = useI18n();
  const status = params.get('status') ?? '';
  const overdue = params.get('overdue') === 'true';
  const [form, setForm] = useState({ status, overdue });
  const page = Number(params.get('page') ?? '1') || 1;
  const q = new URLSearchParams({ sort: 'deadline', pageSize: '50', page: String(page) });
  if (status) q.set('status', status);
  if (overdue) q.set('overdue', 'true');
  const list = useApi<Page<Application>>(`/repair-applications?${q}`);
  const go = (filters: { status: string; overdue: boolean }, to = 1) => {
    const p = new URLSearchParams();
    if (filters.status) p.set('status', filters.status);
    if (filters.overdue) p.set('overdue', 'true');
    if (to > 1) p.set('page', String(to));
    navigate(`/repairs${p.size ? `?${p}` : ''}`);
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    go(form);
  };
  return (
    <>
      <h1>{t('repairsTitle')}</h1>
      <form className="card filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor="status-filter">{t('filterStatus')}</label>
          <select
            id="status-filter"
            value={form.status}
            onChange={(e) => setForm({ ...form, status: e.target.value })}
          >
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {code('app', s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="overdue-filter"
            type="checkbox"
            checked={form.overdue}
            onChange={(e) => setForm({ ...form, overdue: e.target.checked })}
          />
          <label htmlFor="overdue-filter">{t('overdueOnly')}</label>
        </div>
        <button type="submit" className="primary">
          {t('applyFilters')}
        </button>
      </form>
      <Section title={t('repairsTitle')} id="queue">
        <p className="muted small">{t('sortedByDeadline')}</p>
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <p className="muted">{t('noApplications')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="queue">
              <thead>
                <tr>
                  <th scope="col">{t('application')}</th>
                  <th scope="col">{t('uscc')}</th>
                  <th scope="col">{t('record')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('submittedAt')}</th>
                  <th scope="col">{t('deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id} data-application={a.id}>
                    <td>
                      <Link to={`/repairs/${a.id}`}>#{fmt.int(a.id)}</Link>
                    </td>
                    <td className="mono">{a.uscc}</td>
                    <td>
                      #{a.recordId} {code('kind', a.recordKind)}
                    </td>
                    <td>
                      <span className={`status app-${a.status.toLowerCase()}`}>
                        {code('app', a.status)}
                      </span>
                    </td>
                    <td>{fmt.dateTime(a.submittedAt)}</td>
                    <td>
                      {deadlineOf(a) ?? '—'}
                      {a.overdue && <span className="tag tag-overdue"> {t('overdue')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data && list.data.total > 0 && (
          <Pager data={list.data} id="queue" onPage={(n) => go({ status, overdue }, n)} />
        )}
      </Section>
    </>
  );
}
