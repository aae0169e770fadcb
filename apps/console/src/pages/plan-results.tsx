import { useState, type FormEvent } from 'react';
import { api, download } from '../api';
import { fieldErrors, FieldNote } from '../components/admin-kit';
import { ErrorNote, Loading, Section } from '../components/common';
import { TierRatesTable, type TierRate } from '../components/tier-rates-table';
import { fmt } from '../format';
import { useModelText } from '../i18n-models';
import type { Tier } from '../types';
import type { Loaded } from '../use-api';

export interface Progress {
  total: number;
  done: number;
  closed: boolean;
  byTier: Record<Tier, { total: number; done: number }>;
  rates: {
    byTier: Record<Tier, TierRate>;
    ordered: boolean;
  };
}

type Result = 'PASS' | 'PROBLEM' | 'NOT_FOUND';
const RESULTS: Result[] = ['PASS', 'PROBLEM', 'NOT_FOUND'];

/** The day in Beijing, as inspection dates are written. */
const beijingToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Items done out of the total, per tier at the draw, with the problem rate of each tier. */
export function PlanProgress({ planId, progress }: { planId: number; progress: Loaded<Progress> }) {
  const { m } = useModelText();
  const [exported, setExported] = useState<Error>();
  if (progress.error) return <ErrorNote error={progress.error} onRetry={progress.reload} />;
  if (!progress.data) return <Loading />;
  const p = progress.data;
  return (
    <Section
      title={m('progress')}
      id="plan-progress"
      actions={
        <button
          type="button"
          onClick={() =>
            download(
              `/inspection-plans/${planId}/results.csv`,
              `inspection-plan-${planId}-results.csv`,
            ).catch((e: Error) => setExported(e))
          }
        >
          {m('publicCsv')}
        </button>
      }
    >
      <p data-testid="progress" data-done={p.done} data-total={p.total}>
        {m('progressOf', { done: fmt.int(p.done), total: fmt.int(p.total) })}
      </p>
      <progress max={Math.max(1, p.total)} value={p.done} aria-label={m('progress')} />
      {p.closed && (
        <p className="note ok" role="status" data-testid="plan-closed">
          {m('closed')}
        </p>
      )}
      {exported && <ErrorNote error={exported} />}
      <TierRatesTable
        byTier={p.rates.byTier}
        testId="progress-tiers"
        counted={{
          header: m('done'),
          cell: (t) => `${fmt.int(p.byTier[t].done)} / ${fmt.int(p.byTier[t].total)}`,
        }}
      />
    </Section>
  );
}

/** The result column of a drawn item: its result, or the form to record it (regulators). */
export function ResultCell({
  planId,
  uscc,
  result,
  canRecord,
  onRecorded,
}: {
  planId: number;
  uscc: string;
  result: Result | null | undefined;
  canRecord: boolean;
  onRecorded: () => void;
}) {
  const { m } = useModelText();
  const [open, setOpen] = useState(false);
  if (result) return <span data-result={result}>{m(`result.${result}`)}</span>;
  if (!canRecord) return <span className="muted">{m('pending')}</span>;
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`${m('record')} ${uscc}`}>
        {m('record')}
      </button>
    );
  return (
    <ResultForm
      planId={planId}
      uscc={uscc}
      onRecorded={onRecorded}
      onCancel={() => setOpen(false)}
    />
  );
}

function ResultForm({
  planId,
  uscc,
  onRecorded,
  onCancel,
}: {
  planId: number;
  uscc: string;
  onRecorded: () => void;
  onCancel: () => void;
}) {
  const { m, t } = useModelText();
  const [result, setResult] = useState<Result>('PASS');
  const [inspectedOn, setInspectedOn] = useState(beijingToday());
  const [documentNo, setDocumentNo] = useState('');
  const [findings, setFindings] = useState('');
  const [penalty, setPenalty] = useState('');
  const [error, setError] = useState<unknown>();
  const [missing, setMissing] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [proposed, setProposed] = useState(false);
  const id = (f: string) => `result-${uscc}-${f}`;
  // What is missing is said here before anything is sent; what the server refuses, after.
  const server = Object.fromEntries(
    Object.entries(fieldErrors(error)).map(([k, ms]) => [
      k,
      ms.map((x) => `${m('serverSays')}${x}`),
    ]),
  );
  const notes: Record<string, string[]> = { ...server, ...missing };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const required: Record<string, string[]> = {};
    if (!inspectedOn) required.inspectedOn = [m('inspectedOnRequired')];
    if (!documentNo.trim()) required.documentNo = [m('documentNoRequired')];
    if (result === 'PROBLEM' && !findings.trim()) required.findings = [m('findingsRequired')];
    if (penalty && !/^\d+$/.test(penalty)) required.penaltyRecordId = [m('penaltyInvalid')];
    setMissing(required);
    setError(undefined);
    if (Object.keys(required).length > 0) return;
    setBusy(true);
    try {
      const body = {
        result,
        inspectedOn,
        documentNo: documentNo.trim(),
        ...(result === 'PROBLEM' ? { findings: findings.trim() } : {}),
        ...(result === 'PROBLEM' && penalty ? { penaltyRecordId: Number(penalty) } : {}),
      };
      const r = await api<{ listingProposed: boolean }>(
        `/inspection-plans/${planId}/items/${uscc}/result`,
        { method: 'POST', body },
      );
      setProposed(r.listingProposed);
      onRecorded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: string) => ({
    id: id(name),
    'aria-invalid': !!notes[name],
    'aria-describedby': notes[name] ? id(`${name}-error`) : undefined,
  });
  return (
    <form
      className="form compact"
      onSubmit={submit}
      noValidate
      aria-label={`${m('record')} ${uscc}`}
    >
      <div className="field">
        <label htmlFor={id('result')}>{m('result')}</label>
        <select
          {...field('result')}
          value={result}
          onChange={(e) => setResult(e.target.value as Result)}
        >
          {RESULTS.map((r) => (
            <option key={r} value={r}>
              {m(`result.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('inspectedOn')}>{m('inspectedOn')}</label>
        <input
          type="date"
          {...field('inspectedOn')}
          value={inspectedOn}
          onChange={(e) => setInspectedOn(e.target.value)}
        />
        <FieldNote id={id('inspectedOn-error')} messages={notes.inspectedOn} />
      </div>
      <div className="field">
        <label htmlFor={id('documentNo')}>{m('documentNo')}</label>
        <input
          type="text"
          {...field('documentNo')}
          value={documentNo}
          maxLength={100}
          onChange={(e) => setDocumentNo(e.target.value)}
        />
        <FieldNote id={id('documentNo-error')} messages={notes.documentNo} />
      </div>
      {result === 'PROBLEM' && (
        <>
          <div className="field">
            <label htmlFor={id('findings')}>{m('findings')}</label>
            <textarea
              {...field('findings')}
              value={findings}
              maxLength={2000}
              onChange={(e) => setFindings(e.target.value)}
            />
            <FieldNote id={id('findings-error')} messages={notes.findings} />
          </div>
          <div className="field">
            <label htmlFor={id('penaltyRecordId')}>{m('penaltyRecordId')}</label>
            <input
              type="text"
              {...field('penaltyRecordId')}
              inputMode="numeric"
              value={penalty}
              onChange={(e) => setPenalty(e.target.value)}
            />
            <FieldNote id={id('penaltyRecordId-error')} messages={notes.penaltyRecordId} />
          </div>
        </>
      )}
      {error !== undefined && Object.keys(notes).length === 0 && (
        <ErrorNote error={error as Error} />
      )}
      {proposed && (
        <p className="note ok" role="status">
          {m('listingProposed')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {m('record')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
