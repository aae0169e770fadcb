import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNote, Loading, Section } from '../components/common';
import { Pager } from '../components/admin-kit';
import { TransitionMatrix } from '../components/transition-matrix';
import { fmt } from '../format';
import { useI18n } from '../i18n';
import type { Role } from '../auth';
import { changesOf, type Page, type Run } from '../types';
import { useApi } from '../use-api';

const POLL_MS = 2000;

/** Reclassification runs; polls while one is queued or running; admins may start one. */
export function Runs({ role }: { role: Role }) {
  const { t, code } = useI18n();
  const [page, setPage] = useState(1);
  const runs = useApi<Page<Run>>(`/reclassifications?pageSize=20&page=${page}`);
  const active = runs.data?.items.some((r) => r.status === 'queued' || r.status === 'running');
  const { reload } = runs;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);
  const [open, setOpen] = useState<number>();

  return (
    <>
      <h1>{t('runsTitle')}</h1>
      {role === 'admin' ? (
        <StartRun onStarted={reload} />
      ) : (
        <p className="muted">{t('adminOnly')}</p>
      )}
      <Section
        title={t('runsTitle')}
        id="runs"
        actions={
          active ? (
            <span className="muted small" role="status">
              {t('polling')}
            </span>
          ) : undefined
        }
      >
        {runs.error ? (
          <ErrorNote error={runs.error} onRetry={runs.reload} />
        ) : !runs.data ? (
          <Loading />
        ) : runs.data.items.length === 0 ? (
          <p className="muted">{t('noRuns')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="runs">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('mode')}</th>
                  <th scope="col">{t('asOf')}</th>
                  <th scope="col">{t('progress')}</th>
                  <th scope="col" className="num">
                    {t('changed')}
                  </th>
                  <th scope="col">{t('startedAt')}</th>
                  <th scope="col">{t('finishedAt')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((r) => (
                  <RunRow
                    key={r.id}
                    run={r}
                    open={open === r.id}
                    onToggle={() => setOpen(open === r.id ? undefined : r.id)}
                    statusText={code('run', r.status)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {runs.data && runs.data.total > 0 && <Pager data={runs.data} id="runs" onPage={setPage} />}
      </Section>
    </>
  );
}

function RunRow({
  run: r,
  open,
  onToggle,
  statusText,
}: {
  run: Run;
  open: boolean;
  onToggle: () => void;
  statusText: string;
}) {
  const { t } = useI18n();
  const pct = r.total > 0 ? r.processed / r.total : r.status === 'completed' ? 1 : 0;
  return (
    <>
      <tr data-run={r.id} data-status={r.status}>
        <td>{fmt.int(r.id)}</td>
        <td>
          <span className={`status run-${r.status}`}>{statusText}</span>
        </td>
        <td className="nowrap">
          {t(r.mode === 'full' ? 'modeFull' : 'modeIncremental')}
          {r.dryRun ? ` · ${t('dryRunShort')}` : ''}
          {r.region ? ` · ${r.region}` : ''}
        </td>
        <td>{r.asOf}</td>
        <td className="progress-cell">
          <progress max={1} value={pct} aria-label={`${t('progress')} #${r.id}`} />
          <span className="small">
            {fmt.int(r.processed)} / {fmt.int(r.total)}
            {r.failed > 0 ? ` · ${t('failed')} ${fmt.int(r.failed)}` : ''}
          </span>
        </td>
        <td className="num">
          {changesOf(r).first > 0 && (
            <span className="small nowrap">
              {t('firstClassified')} {fmt.int(changesOf(r).first)}
              <br />
            </span>
          )}
          {fmt.int(changesOf(r).changed)}
        </td>
        <td className="small">{fmt.dateTime(r.startedAt)}</td>
        <td className="small">{fmt.dateTime(r.finishedAt)}</td>
        <td>
          <button
            type="button"
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={`run-${r.id}-matrix`}
          >
            {t('showMatrix')}
          </button>
        </td>
      </tr>
      {open && (
        <tr id={`run-${r.id}-matrix`}>
          <td colSpan={9}>
            <TransitionMatrix run={r} />
            <p className="muted small">
              {t('requestedBy')}: <span className="mono">{r.requestedBy}</span> · {t('model')}:{' '}
              <span className="mono">{r.modelVersion}</span>
            </p>
          </td>
        </tr>
      )}
    </>
  );
}

function StartRun({ onStarted }: { onStarted: () => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'full' | 'incremental'>('incremental');
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ id?: number; error?: Error }>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const run = await api<{ id: number }>('/reclassifications', {
        method: 'POST',
        body: { mode, dryRun },
      });
      setResult({ id: run.id });
      onStarted();
    } catch (error) {
      setResult({ error: error as Error });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card filters" onSubmit={submit} aria-labelledby="start-run-title">
      <h2 id="start-run-title">{t('startRun')}</h2>
      <fieldset>
        <legend>{t('mode')}</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="incremental"
            checked={mode === 'incremental'}
            onChange={() => setMode('incremental')}
          />{' '}
          {t('modeIncremental')}
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="full"
            checked={mode === 'full'}
            onChange={() => setMode('full')}
          />{' '}
          {t('modeFull')}
        </label>
      </fieldset>
      <div className="field checkbox">
        <input
          id="dry-run"
          type="checkbox"
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
        />
        <label htmlFor="dry-run">{t('dryRun')}</label>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('start')}
      </button>
      {result?.id !== undefined && (
        <p className="note ok" role="status" data-testid="run-started">
          {t('started')} #{fmt.int(result.id)}
        </p>
      )}
      {result?.error && <ErrorNote error={result.error} />}
    </form>
  );
}
