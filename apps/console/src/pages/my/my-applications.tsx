import { ApplicationTitle } from '../../components/application-title';
import { useState } from 'react';
import { api, ApiError, download } from '../../api';
import { ErrorNote, Loading, Section } from '../../components/common';
import { fmt } from '../../format';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { deadlineOf, type Application, type Page } from '../../types';
import { useApi } from '../../use-api';

/** 我的申请: the enterprise's applications, newest first, with the deadline of the step they wait on. */
export function MyApplications() {
  const { t, code } = useI18n();
  const list = useApi<Page<Application>>('/repair-applications?pageSize=100');
  if (list.error) return <ErrorNote error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <h1>{t('myApplicationsTitle')}</h1>
      {list.data.items.length === 0 ? (
        <p className="muted">{t('myNoApplications')}</p>
      ) : (
        <ul className="record-cards" data-testid="my-applications">
          {list.data.items.map((a) => (
            <li key={a.id} className="card">
              <h2 className="record-title">
                <Link to={`/my/applications/${a.id}`}>
                  {t('application')} #{fmt.int(a.id)}
                </Link>
                <span className={`status app-${a.status.toLowerCase()}`}>
                  {code('app', a.status)}
                </span>
              </h2>
              <p className="small">
                {code('kind', a.recordKind)} · {fmt.dateTime(a.submittedAt)}
                {deadlineOf(a) && ` · ${t('currentDeadline')} ${deadlineOf(a)}`}
                {a.overdue && <span className="tag tag-overdue"> {t('overdue')}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * One application as its enterprise sees it: the timeline, the deadline of
 * the current step, the authority's reasons, its materials, and 撤回 while the
 * API offers it (allowedActions: never 受理/批准 here).
 */
export function MyApplication({ id }: { id: string }) {
  const { t, code } = useI18n();
  const app = useApi<Application>(`/repair-applications/${id}`);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok?: boolean; error?: Error }>();
  const a = app.data;
  if (app.error) {
    return app.error instanceof ApiError && app.error.status === 404 ? (
      <p className="note error" role="alert" data-testid="not-found">
        {t('notYours')}
      </p>
    ) : (
      <ErrorNote error={app.error} onRetry={app.reload} />
    );
  }
  if (!a) return <Loading />;
  const withdraw = async () => {
    setBusy(true);
    try {
      await api(`/repair-applications/${a.id}/withdraw`, {
        method: 'POST',
        body: { version: a.version },
      });
      setOutcome({ ok: true });
    } catch (error) {
      setOutcome({ error: error as Error });
    } finally {
      setBusy(false);
      app.reload();
    }
  };
  const reasons = a.history.filter((h) => h.reason);
  return (
    <>
      <p>
        <Link to="/my/applications">← {t('back')}</Link>
      </p>
      <ApplicationTitle a={a} />
      {outcome?.ok && (
        <p className="note ok" role="status">
          {t('withdrawn')}
        </p>
      )}
      {outcome?.error && <ErrorNote error={outcome.error} />}
      <div className="grid-2">
        <Section title={t('timeline')} id="timeline">
          <ol className="timeline" data-testid="timeline">
            <li>
              {fmt.dateTime(a.submittedAt)} · {code('app', 'SUBMITTED')}
            </li>
            {a.history.map((h) => (
              <li key={h.at + h.action}>
                {fmt.dateTime(h.at)} · {code('action', h.action)}
              </li>
            ))}
          </ol>
          {deadlineOf(a) && (
            <p>
              {t('currentDeadline')}: <strong data-testid="deadline">{deadlineOf(a)}</strong>
              {a.overdue && <span className="tag tag-overdue"> {t('overdue')}</span>}
            </p>
          )}
          {reasons.length > 0 && (
            <>
              <h3>{t('regulatorReason')}</h3>
              <ul>
                {reasons.map((h) => (
                  <li key={h.at}>
                    {code('action', h.action)}: {h.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {a.allowedActions.includes('withdraw') && (
            <button type="button" onClick={withdraw} disabled={busy}>
              {t('withdraw')}
            </button>
          )}
        </Section>
        <Section title={t('materials')} id="materials">
          <ul className="materials">
            {a.evidence.map((e) => (
              <li key={e.sha256 + e.kind}>
                {code('evidence', e.kind)} · {e.title}{' '}
                <button
                  type="button"
                  aria-label={`${t('download')}: ${e.title}`}
                  onClick={() => void download(`/evidence/${e.sha256}`, e.title)}
                >
                  {t('download')}
                </button>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </>
  );
}
