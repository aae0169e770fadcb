import { ApplicationTitle } from '../components/application-title';
import { useState } from 'react';
import { api, ApiError, download } from '../api';
import { ConfirmDialog, ErrorNote, Loading, Section } from '../components/common';
import { fmt } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { deadlineOf, type Application, type Eligibility } from '../types';
import { useApi } from '../use-api';

const NEEDS_REASON = new Set(['reject', 'deny', 'revoke']);
/** Decisions with legal effect: asked about first, with their consequence. */
const CONFIRM = new Set(['approve', 'deny', 'revoke', 'reject']);
/** What a 补正 request may name (the API's evidence kinds). */
const MATERIAL_KINDS = ['APPLICATION_FORM', 'COMMITMENT_LETTER', 'FULFILMENT_PROOF', 'OTHER'];

type Outcome =
  { kind: 'ok'; action: string } | { kind: 'conflict' } | { kind: 'error'; error: Error };

export function RepairApplicationPage({ id }: { id: string }) {
  const { t, code, lang } = useI18n();
  const app = useApi<Application>(`/repair-applications/${id}`);
  const a = app.data;
  const eligibility = useApi<Eligibility>(
    a ? `/repair-applications/eligibility?recordId=${a.recordId}` : null,
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [reasonMissing, setReasonMissing] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [missingUnpicked, setMissingUnpicked] = useState(false);

  const [confirming, setConfirming] = useState<string>();

  /** Checks the form, then asks about a decision with legal effect before acting. */
  const ask = (action: string) => {
    if (NEEDS_REASON.has(action) && !reason.trim()) {
      setReasonMissing(true);
      document.getElementById('decision-reason')?.focus();
      return;
    }
    setReasonMissing(false);
    if (CONFIRM.has(action)) setConfirming(action);
    else void act(action);
  };

  const act = async (action: string) => {
    if (!a) return;
    setConfirming(undefined);
    const requesting = action === 'request-materials';
    if (requesting && missing.length === 0) {
      setMissingUnpicked(true);
      document.getElementById(`missing-${MATERIAL_KINDS[0]}`)?.focus();
      return;
    }
    setMissingUnpicked(false);
    setBusy(true);
    try {
      // The version this page shows: if someone decided meanwhile, the API answers 409.
      await api<Application>(`/repair-applications/${a.id}/${action}`, {
        method: 'POST',
        body: {
          version: a.version,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(requesting ? { materials: missing } : {}),
        },
      });
      setOutcome({ kind: 'ok', action });
      setReason('');
    } catch (error) {
      setOutcome(
        error instanceof ApiError && error.status === 409
          ? { kind: 'conflict' }
          : { kind: 'error', error: error as Error },
      );
    } finally {
      setBusy(false);
      app.reload();
      eligibility.reload();
    }
  };

  if (app.error) return <ErrorNote error={app.error} onRetry={app.reload} />;
  if (!a) return <Loading />;
  // The API offers each caller only its own actions (a regulator never 撤回).
  const actions = a.allowedActions;
  // While this application is open, "an open application exists" is this one: not a reason to refuse.
  const isOpen = ['SUBMITTED', 'AWAITING_MATERIALS', 'ACCEPTED'].includes(a.status);
  const itself = (cond: string) => isOpen && cond === 'OPEN_APPLICATION_EXISTS';
  const eligibleNow = eligibility.data?.conditions.every((c) => c.met || itself(c.code)) ?? false;
  const repaired = a.status === 'APPROVED';
  return (
    <>
      <p>
        <Link to="/repairs">← {t('back')}</Link>
      </p>
      <ApplicationTitle a={a} />

      {outcome?.kind === 'conflict' && (
        <div className="note warn" role="alert" data-testid="conflict">
          <strong>409</strong> {t('conflict')}
        </div>
      )}
      {outcome?.kind === 'ok' && (
        <div className="note ok" role="status" data-testid="decided">
          {code('done', outcome.action)}
          {outcome.action === 'approve' && (
            <>
              {' '}
              {t('approvedNote')} <Link to={`/enterprises/${a.uscc}`}>{t('openEnterprise')}</Link>
            </>
          )}
        </div>
      )}
      {outcome?.kind === 'error' && <ErrorNote error={outcome.error} />}
      {confirming && (
        <ConfirmDialog
          title={`${t('confirmTitle')}：${code('action', confirming)}`}
          onConfirm={() => void act(confirming)}
          onCancel={() => setConfirming(undefined)}
        >
          <p>{code('consequence', confirming)}</p>
          {reason.trim() && (
            <p>
              {t('confirmReason')}
              {reason.trim()}
            </p>
          )}
        </ConfirmDialog>
      )}

      <div className="grid-2">
        <Section title={t('application')} id="application">
          <dl className="facts">
            <dt>{t('uscc')}</dt>
            <dd className="mono">
              <Link to={`/enterprises/${a.uscc}`}>{a.uscc}</Link>
            </dd>
            <dt>{t('record')}</dt>
            <dd>
              #{a.recordId} {code('kind', a.recordKind)}
            </dd>
            <dt>{t('submittedAt')}</dt>
            <dd>{fmt.dateTime(a.submittedAt)}</dd>
            <dt>{t('acceptBy')}</dt>
            <dd>{a.acceptBy}</dd>
            <dt>{t('decideBy')}</dt>
            <dd>{a.decideBy ?? '—'}</dd>
            {a.materialsRequested.length > 0 && (
              <>
                <dt>{t('materialsRequested')}</dt>
                <dd data-testid="materials-requested">
                  {a.materialsRequested.map((k) => code('evidence', k)).join('、')}
                </dd>
                <dt>{t('supplyBy')}</dt>
                <dd>{a.supplyBy}</dd>
              </>
            )}
            <dt>{t('authorityRegion')}</dt>
            <dd className="mono">{a.authorityRegion}</dd>
            <dt>{t('deadline')}</dt>
            <dd>
              {deadlineOf(a) ?? '—'}
              {a.overdue && <span className="tag tag-overdue"> {t('overdue')}</span>}
            </dd>
            <dt>{t('policy')}</dt>
            <dd>
              {a.policyTitle ? (lang === 'zh' ? a.policyTitle.zh : a.policyTitle.en) : a.policy}
            </dd>
            <dt>{t('version')}</dt>
            <dd data-testid="app-version">{a.version}</dd>
            <dt>{t('applicantReason')}</dt>
            <dd>{a.reason}</dd>
          </dl>
        </Section>

        <Section title={t('decision')} id="decision">
          {actions.length === 0 ? (
            <p className="muted" data-testid="no-actions">
              {a.status === 'AWAITING_MATERIALS' ? (
                <>
                  {t('awaitingSupply')}
                  {a.supplyBy}
                </>
              ) : isOpen ? (
                <>
                  {t('decidedElsewhere')}
                  {a.authorityRegion}
                </>
              ) : (
                t('noActions')
              )}
            </p>
          ) : (
            <div className="decision">
              <label htmlFor="decision-reason">{t('decisionReason')}</label>
              <textarea
                id="decision-reason"
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={2000}
                aria-invalid={reasonMissing || undefined}
                aria-describedby={reasonMissing ? 'reason-error' : undefined}
              />
              {reasonMissing && (
                <p id="reason-error" className="field-error" role="alert">
                  {t('reasonRequired')}
                </p>
              )}
              {actions.includes('request-materials') && (
                <fieldset className="missing-materials">
                  <legend>{t('missingMaterials')}</legend>
                  {MATERIAL_KINDS.map((k) => (
                    <label key={k} className="check">
                      <input
                        type="checkbox"
                        id={`missing-${k}`}
                        checked={missing.includes(k)}
                        onChange={(e) =>
                          setMissing((m) =>
                            e.target.checked ? [...m, k] : m.filter((x) => x !== k),
                          )
                        }
                      />{' '}
                      {code('evidence', k)}
                    </label>
                  ))}
                  {missingUnpicked && (
                    <p className="field-error" role="alert">
                      {t('pickMaterials')}
                    </p>
                  )}
                </fieldset>
              )}
              <div className="buttons">
                {actions.map((x) => (
                  <button
                    key={x}
                    type="button"
                    className={x === 'accept' || x === 'approve' ? 'primary' : 'danger'}
                    disabled={busy}
                    onClick={() => ask(x)}
                    data-action={x}
                  >
                    {code('action', x)}
                  </button>
                ))}
              </div>
            </div>
          )}
        </Section>
      </div>

      <Section title={t('materials')} id="materials">
        {a.evidence.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <ul className="materials">
            {a.evidence.map((e) => (
              <li key={e.sha256}>
                <span>
                  <strong>{code('evidence', e.kind)}</strong> · {e.title}
                  <span className="muted small mono"> {e.sha256.slice(0, 12)}…</span>
                </span>
                <button
                  type="button"
                  onClick={() =>
                    download(`/evidence/${e.sha256}`, `${e.kind}-${e.sha256.slice(0, 12)}`)
                  }
                  aria-label={`${t('downloadFile')}: ${e.title}`}
                  data-download={e.sha256}
                >
                  {t('downloadFile')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <div className="grid-2">
        <Section title={t('eligibility')} id="eligibility">
          {eligibility.error ? (
            <ErrorNote error={eligibility.error} />
          ) : !eligibility.data ? (
            <Loading />
          ) : (
            <>
              <p
                className={eligibleNow || repaired ? 'ok-text' : 'warn-text'}
                data-testid="eligible"
              >
                {/* Once approved, the record is repaired: not "not eligible". */}
                {t(repaired ? 'alreadyRepaired' : eligibleNow ? 'eligible' : 'notEligible')}
              </p>
              <ul className="conditions" data-testid="conditions">
                {eligibility.data.conditions.map((c) => (
                  <li key={c.code} className={c.met || itself(c.code) ? 'met' : 'unmet'}>
                    <span aria-hidden="true">{c.met || itself(c.code) ? '✓' : '✗'}</span>{' '}
                    <span className="sr-only">
                      {t(c.met || itself(c.code) ? 'met' : 'unmet')}:{' '}
                    </span>
                    {code('cond', c.code)}
                    {itself(c.code) && (
                      <span className="muted small"> ({t('thisApplication')})</span>
                    )}
                    {!c.met && c.earliestOn && (
                      <span className="muted small">
                        {' '}
                        ({t('earliestOn')} {c.earliestOn})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>

        <Section title={t('applicationHistory')} id="app-history">
          {a.history.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <table className="data small" data-testid="app-history">
              <thead>
                <tr>
                  <th scope="col">{t('at')}</th>
                  <th scope="col">{t('action')}</th>
                  <th scope="col">{t('actor')}</th>
                  <th scope="col">{t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                {a.history.map((h, i) => (
                  <tr key={i}>
                    <td>{fmt.dateTime(h.at)}</td>
                    <td>{code('action', h.action)}</td>
                    <td className="mono">{h.actor}</td>
                    <td>{h.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </div>
    </>
  );
}
