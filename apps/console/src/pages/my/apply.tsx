import { useRef, useState, type DragEvent } from 'react';
import { api, uploadEvidence } from '../../api';
import { ErrorNote, Loading, Section } from '../../components/common';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import type { Application, CreditRecord, Page } from '../../types';
import { useApi } from '../../use-api';

/** As the API: 10 MB, PDF, JPEG or PNG (checked again by content on the server). */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];
const ACCEPT_EXT = /\.(pdf|jpe?g|png)$/i;
const REQUIRED = ['APPLICATION_FORM', 'COMMITMENT_LETTER', 'FULFILMENT_PROOF'] as const;
const KINDS = [...REQUIRED, 'OTHER'];

interface Material {
  key: number;
  file: File;
  kind: string;
  progress: number;
  sha256?: string;
  error?: string;
}

/**
 * 申请信用修复: a guided form (the record, the reason, the 守信承诺 read and
 * accepted, the materials uploaded one by one with progress), a review, then
 * submission; the confirmation gives the statutory acceptance deadline.
 */
export function ApplyForRepair({ uscc, recordId }: { uscc: string; recordId: number }) {
  const { t, code } = useI18n();
  const records = useApi<Page<CreditRecord>>(`/enterprises/${uscc}/records?pageSize=100`);
  const [reason, setReason] = useState('');
  const [committed, setCommitted] = useState(false);
  const [materials, setMaterials] = useState<Material[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [step, setStep] = useState<'form' | 'review'>('form');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<Application>();
  const nextKey = useRef(0);
  const [fieldErrors, setFieldErrors] = useState<{ reason?: boolean; commitment?: boolean }>({});

  const record = records.data?.items.find((r) => r.id === recordId);

  const update = (key: number, patch: Partial<Material>) =>
    setMaterials((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  const add = (files: FileList | File[]) => {
    const refused: string[] = [];
    const added: Material[] = [];
    for (const file of Array.from(files)) {
      if (!ACCEPT.includes(file.type) && !ACCEPT_EXT.test(file.name)) {
        refused.push(`${t('fileWrongType')} ${file.name}`);
      } else if (file.size > MAX_BYTES) {
        refused.push(`${t('fileTooLarge')} ${file.name}`);
      } else {
        const used = new Set([...materials, ...added].map((m) => m.kind));
        const kind = REQUIRED.find((k) => !used.has(k)) ?? 'OTHER';
        added.push({ key: nextKey.current++, file, kind, progress: 0 });
      }
    }
    setProblems(refused);
    setMaterials((ms) => [...ms, ...added]);
    for (const m of added) {
      uploadEvidence(m.file, (progress) => update(m.key, { progress })).then(
        (stored) => update(m.key, { sha256: stored.sha256, progress: 1 }),
        (e: Error) => update(m.key, { error: `${t('uploadFailed')} ${e.message}` }),
      );
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    add(e.dataTransfer.files);
  };

  const uploaded = materials.filter((m) => m.sha256);
  const missing = REQUIRED.filter((k) => !uploaded.some((m) => m.kind === k));
  const pending = materials.some((m) => !m.sha256 && !m.error);

  const review = () => {
    const errs = { reason: !reason.trim(), commitment: !committed };
    setFieldErrors(errs);
    if (errs.reason) return document.getElementById('reason')?.focus();
    if (errs.commitment) return document.getElementById('commitment')?.focus();
    if (missing.length || pending) return document.getElementById('materials-status')?.focus();
    setStep('review');
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setDone(
        await api<Application>('/repair-applications', {
          method: 'POST',
          body: {
            recordId,
            reason: reason.trim(),
            commitment: true,
            evidence: uploaded.map((m) => ({
              kind: m.kind,
              title: m.file.name.slice(0, 200),
              sha256: m.sha256,
            })),
          },
        }),
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  if (records.error) return <ErrorNote error={records.error} onRetry={records.reload} />;
  if (!records.data) return <Loading />;
  if (!record)
    return (
      <p className="note error" role="alert">
        {t('notFound')}
      </p>
    );

  if (done) {
    return (
      <div className="card" data-testid="submitted">
        <h1>{t('submitted')}</h1>
        <p>
          {t('acceptByNote')} <strong data-testid="accept-by">{done.acceptBy}</strong>
        </p>
        <Link className="button primary" to={`/my/applications/${done.id}`}>
          {t('viewApplication')}
        </Link>
      </div>
    );
  }

  const recordLine = `${code('kind', record.kind)}${record.documentNo ? ` · ${record.documentNo}` : ''} · ${record.occurredOn}`;

  if (step === 'review') {
    return (
      <>
        <h1>{t('reviewTitle')}</h1>
        {error && <ErrorNote error={error} />}
        <Section title={t('stepRecord')} id="review-record">
          <p>{recordLine}</p>
        </Section>
        <Section title={t('stepReason')} id="review-reason">
          <p className="prewrap">{reason}</p>
        </Section>
        <Section title={t('stepCommitment')} id="review-commitment">
          <p>✓ {t('commitmentAccept')}</p>
        </Section>
        <Section title={t('stepMaterials')} id="review-materials">
          <ul className="materials">
            {uploaded.map((m) => (
              <li key={m.key}>
                {code('evidence', m.kind)} · {m.file.name} ·{' '}
                <span className="mono small">{m.sha256}</span>
              </li>
            ))}
          </ul>
        </Section>
        <div className="actions">
          <button type="button" onClick={() => setStep('form')} disabled={busy}>
            {t('edit')}
          </button>
          <button type="button" className="primary" onClick={submit} disabled={busy}>
            {t('submit')}
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <h1>{t('applyTitle')}</h1>
      <Section title={`1. ${t('stepRecord')}`} id="step-record">
        <p data-testid="apply-record">{recordLine}</p>
      </Section>

      <Section title={`2. ${t('stepReason')}`} id="step-reason">
        <label htmlFor="reason">{t('stepReason')}</label>
        <p className="muted small" id="reason-help">
          {t('reasonHelp')}
        </p>
        <textarea
          id="reason"
          rows={5}
          maxLength={2000}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setFieldErrors((f) => ({ ...f, reason: false }));
          }}
          aria-describedby={fieldErrors.reason ? 'reason-help reason-error' : 'reason-help'}
          aria-invalid={fieldErrors.reason || undefined}
          required
        />
        {fieldErrors.reason && (
          <p id="reason-error" className="field-error" role="alert">
            {t('applyReasonRequired')}
          </p>
        )}
      </Section>

      <Section title={`3. ${t('stepCommitment')}`} id="step-commitment">
        <blockquote className="commitment" data-testid="commitment-text">
          {t('commitmentText')}
        </blockquote>
        <label className="check">
          <input
            id="commitment"
            type="checkbox"
            checked={committed}
            onChange={(e) => {
              setCommitted(e.target.checked);
              setFieldErrors((f) => ({ ...f, commitment: false }));
            }}
            aria-describedby={fieldErrors.commitment ? 'commitment-error' : undefined}
            aria-invalid={fieldErrors.commitment || undefined}
          />
          {t('commitmentAccept')}
        </label>
        {fieldErrors.commitment && (
          <p id="commitment-error" className="field-error" role="alert">
            {t('commitmentRequired')}
          </p>
        )}
      </Section>

      <Section title={`4. ${t('stepMaterials')}`} id="step-materials">
        <p className="muted small" id="materials-help">
          {t('materialsHelp')}
        </p>
        <div
          className="dropzone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <label className="button" htmlFor="files">
            {t('chooseFiles')}
          </label>
          <input
            id="files"
            className="sr-only"
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-describedby="materials-help"
            onChange={(e) => {
              if (e.target.files) add(e.target.files);
              e.target.value = '';
            }}
          />
          <span className="muted">{t('dropFiles')}</span>
        </div>
        {problems.length > 0 && (
          <ul className="field-error" role="alert" data-testid="file-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <ul className="materials" data-testid="materials">
          {materials.map((m) => (
            <li key={m.key} className="material" data-testid="material">
              <div className="material-head">
                <span className="file-name">{m.file.name}</span>
                <label className="small">
                  {t('materialKind')}{' '}
                  <select value={m.kind} onChange={(e) => update(m.key, { kind: e.target.value })}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {code('evidence', k)}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  onClick={() => setMaterials((ms) => ms.filter((x) => x.key !== m.key))}
                >
                  {t('removeFile')}
                </button>
              </div>
              <progress
                max={1}
                value={m.progress}
                aria-label={`${m.file.name} ${m.sha256 ? t('uploaded') : t('uploading')}`}
              />
              {m.sha256 && (
                <p className="small">
                  {t('uploaded')} · sha256{' '}
                  <span className="mono" data-testid="sha256">
                    {m.sha256}
                  </span>
                </p>
              )}
              {m.error && (
                <p className="field-error" role="alert">
                  {m.error}
                </p>
              )}
            </li>
          ))}
        </ul>
        <p
          id="materials-status"
          tabIndex={-1}
          className={missing.length ? 'muted' : 'ok'}
          data-testid="materials-status"
        >
          {missing.length
            ? `${t('materialsMissing')} ${missing.map((k) => code('evidence', k)).join('、')}`
            : `✓ ${t('uploaded')}`}
        </p>
      </Section>

      <div className="actions">
        <button type="button" className="primary" onClick={review} disabled={pending}>
          {t('next')}
        </button>
      </div>
    </>
  );
}
