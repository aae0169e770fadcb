import { useState, type FormEvent } from 'react';
import { beijingBound, fieldErrors, FieldNote, Pager } from '../components/admin-kit';
import { ErrorNote, Loading, Section } from '../components/common';
import { fmt } from '../format';
import { useAdminText, type AdminKey } from '../i18n-admin';
import { navigate } from '../router';
import type { Page } from '../types';
import { useApi } from '../use-api';

interface AuditEntry {
  id: number;
  at: string;
  actor: { sub: string; role: string; region: string | null };
  action: string;
  resource: string | null;
  uscc: string | null;
  statusCode: number;
  requestId: string | null;
}

const FILTERS = ['actor', 'uscc', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 50;

/** /audit?actor=&uscc=&from=&to=&page= : the audit trail, newest first (admins). */
export function AuditTrail({ params }: { params: URLSearchParams }) {
  const { a, t } = useAdminText();
  const current = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const page = Number(params.get('page') ?? '1') || 1;
  const [form, setForm] = useState<Filters>(current);
  const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (current.actor) q.set('actor', current.actor);
  if (current.uscc) q.set('uscc', current.uscc);
  // The days are Beijing's, as every time on screen.
  if (current.from) q.set('from', beijingBound(current.from, 'from'));
  if (current.to) q.set('to', beijingBound(current.to, 'to'));
  const list = useApi<Page<AuditEntry>>(`/audit?${q}`);
  const errors = fieldErrors(list.error);
  const go = (f: Filters, n = 1) => {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (f[k].trim()) p.set(k, f[k].trim());
    if (n > 1) p.set('page', String(n));
    navigate(`/audit${p.size ? `?${p}` : ''}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ ...form, uscc: form.uscc.trim().toUpperCase() });
  };
  const actionName = (code: string) => {
    const key = `action.${code}` as AdminKey;
    const text = a(key);
    return text === key ? code : text;
  };
  const active = FILTERS.some((k) => current[k]);
  const input = (k: keyof Filters, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${k}`}>{label}</label>
      <input
        id={`audit-${k}`}
        type={type}
        value={form[k]}
        maxLength={type === 'text' ? 100 : undefined}
        autoComplete="off"
        onChange={(e) => setForm({ ...form, [k]: e.target.value })}
        aria-invalid={!!errors[k]}
        aria-describedby={errors[k] ? `audit-${k}-error` : undefined}
      />
      <FieldNote id={`audit-${k}-error`} messages={errors[k]} />
    </div>
  );
  return (
    <div className="admin-page">
      <h1>{a('auditTitle')}</h1>
      <p className="lead">{a('auditIntro')}</p>
      <form className="card filters" onSubmit={submit} aria-label={a('filter')}>
        {input('actor', a('auditActor'))}
        {input('uscc', a('auditUscc'))}
        {input('from', a('from'), 'date')}
        {input('to', a('to'), 'date')}
        <button type="submit" className="primary">
          {a('filter')}
        </button>
        {active && (
          <button
            type="button"
            onClick={() => {
              const empty = { actor: '', uscc: '', from: '', to: '' };
              setForm(empty);
              go(empty);
            }}
          >
            {a('clearFilters')}
          </button>
        )}
      </form>
      <Section title={a('auditTitle')} id="audit">
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : (
          <>
            {list.data.items.length === 0 ? (
              <p className="muted">{a('noAudit')}</p>
            ) : (
              <div className="table-scroll">
                <table className="data" data-testid="audit">
                  <thead>
                    <tr>
                      <th scope="col">{t('at')}</th>
                      <th scope="col">{a('auditActor')}</th>
                      <th scope="col">{a('auditRole')}</th>
                      <th scope="col">{a('auditAction')}</th>
                      <th scope="col">{a('auditResource')}</th>
                      <th scope="col">{t('uscc')}</th>
                      <th scope="col" className="num">
                        {a('auditStatus')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((e) => (
                      <tr key={e.id} data-action={e.action}>
                        <td className="small nowrap">{fmt.dateTime(e.at)}</td>
                        <td className="mono">{e.actor.sub}</td>
                        <td>
                          {a(
                            e.actor.role === 'admin' ||
                              e.actor.role === 'regulator' ||
                              e.actor.role === 'enterprise'
                              ? `role.${e.actor.role}`
                              : 'role.service',
                          )}
                          {e.actor.region ? ` · ${e.actor.region}` : ''}
                        </td>
                        <td>
                          {actionName(e.action)}{' '}
                          <span className="mono small muted">{e.action}</span>
                        </td>
                        <td className="mono small wrap">{e.resource ?? '—'}</td>
                        <td className="mono">{e.uscc ?? '—'}</td>
                        <td className="num">{e.statusCode}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager data={list.data} id="audit" onPage={(n) => go(current, n)} />
          </>
        )}
      </Section>
    </div>
  );
}
