import { ApplicationTitle } from '../../components/application-title';
import { useState } from 'react';
import { api, ApiError, download, uploadEvidence } from '../../api';
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
  const [outcome, setOutcome] = useState<{ ok?: boolean; supplied?: boolean; error?: Error }>();
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
      {outcome?.supplied && (
        <p className="note ok" role="status" data-testid="supplied">
          {t('supplied')}
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
          {a.allowedActions.includes('supply-materials') && (
            <SupplyMaterials
              a={a}
              onDone={() => {
                setOutcome({ supplied: true });
                app.reload();
              }}
            />
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

/**
 * The reply to 补正: one file for each material the authority asked for,
 * uploaded as chosen, then sent together; the acceptance period restarts.
 */
function SupplyMaterials({ a, onDone }: { a: Application; onDone: () => void }) {
  const { t, code } = useI18n();
  const [files, setFiles] = useState<
    Record<string, { title: string; sha256?: string; error?: string }>
  >({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const pick = (kind: string, file: File | undefined) => {
    if (!file) return;
    const title = file.name.slice(0, 200);
    setFiles((f) => ({ ...f, [kind]: { title } }));
    uploadEvidence(file, () => undefined).then(
      (stored) => setFiles((f) => ({ ...f, [kind]: { title, sha256: stored.sha256 } })),
      (e: Error) => setFiles((f) => ({ ...f, [kind]: { title, error: e.message } })),
    );
  };
  const ready = a.materialsRequested.every((k) => files[k]?.sha256);
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/repair-applications/${a.id}/supply-materials`, {
        method: 'POST',
        body: {
          version: a.version,
          evidence: a.materialsRequested.map((kind) => ({
            kind,
            title: files[kind].title,
            sha256: files[kind].sha256,
          })),
        },
      });
      onDone();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="supply" data-testid="supply">
      <h3>{t('supplyTitle')}</h3>
      <p className="small">
        {t('supplyBy')}: <strong>{a.supplyBy}</strong>. {t('supplyNote')}
      </p>
      {a.materialsRequested.map((kind) => (
        <p key={kind}>
          <label htmlFor={`supply-${kind}`}>
            {t('supplyFileFor')}
            {code('evidence', kind)}
          </label>
          <input
            id={`supply-${kind}`}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            onChange={(e) => pick(kind, e.target.files?.[0])}
          />
          {files[kind]?.sha256 && <span className="ok-text"> ✓</span>}
          {files[kind]?.error && (
            <span className="field-error" role="alert">
              {' '}
              {t('uploadFailed')} {files[kind].error}
            </span>
          )}
        </p>
      ))}
      {error && <ErrorNote error={error} />}
      <button type="button" className="primary" disabled={!ready || busy} onClick={send}>
        {code('action', 'supply-materials')}
      </button>
    </div>
  );
}
