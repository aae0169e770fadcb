import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNote, Loading, Section } from '../components/common';
import { fieldErrors, FieldNote } from '../components/admin-kit';
import { TIER_COLORS } from '../components/tier-badge';
import { rateText, TierRatesTable, type TierRate } from '../components/tier-rates-table';
import { fmt } from '../format';
import { useModelText } from '../i18n-models';
import type { Claims } from '../auth';
import { TIERS, type Tier } from '../types';
import { useApi } from '../use-api';

interface Rates {
  byTier: Record<Tier, TierRate>;
  ordered: boolean;
}
interface Performance {
  modelVersion: string;
  region: string | null;
  window: { from: string; to: string };
  asOf: string;
  sample: { enterprises: number; events: number };
  discrimination: {
    auc: number | null;
    aucLow: number | null;
    aucHigh: number | null;
    ks: number | null;
    gini: number | null;
  };
  roc: { order: number; tpr: number; fpr: number }[];
  byTier: Rates;
  drawTime: Rates;
}
interface ModelEntry {
  version: string;
  name: { zh: string; en: string };
  active: boolean;
  performance: { auc: number | null; window: { from: string; to: string } } | null;
}
interface Drift {
  runId: number;
  previousRunId: number | null;
  psi: number | null;
  band: 'STABLE' | 'WATCH' | 'ALERT' | null;
  thresholds: { watch: number; alert: number };
}
interface Proposal {
  id: number;
  version: string;
  status: 'PROPOSED' | 'ACTIVE' | 'RETIRED' | 'REFUSED';
  dryRunId: number | null;
  reason: string | null;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decisionReason: string | null;
}

/** Three decimals, as the statistics are reported; '—' when there is none. */
export const stat = (v: number | null | undefined) => (v == null ? '—' : v.toFixed(3));

/** /models (regulator, admin): how the models sort what inspectors find, drift, and activation. */
export function ModelsPage({ claims }: { claims: Claims }) {
  const { m, lang } = useModelText();
  const models = useApi<ModelEntry[]>('/models');
  const drift = useApi<Drift[]>('/models/drift');
  const active = models.data?.find((x) => x.active);
  const candidate = models.data?.find((x) => !x.active && x.performance);
  const activePerf = useApi<Performance>(
    active?.performance ? `/models/${active.version}/performance` : null,
  );
  const candidatePerf = useApi<Performance>(
    candidate ? `/models/${candidate.version}/performance` : null,
  );

  if (models.error) return <ErrorNote error={models.error} onRetry={models.reload} />;
  if (!models.data) return <Loading />;
  return (
    <div className="admin-page">
      <h1>{m('title')}</h1>
      <p className="muted">{m('intro')}</p>
      <Section title={m('versions')} id="model-versions">
        <div className="table-scroll">
          <table className="data" data-testid="model-versions">
            <thead>
              <tr>
                <th scope="col">{m('version')}</th>
                <th scope="col">{m('status')}</th>
                <th scope="col" className="num">
                  {m('auc')}
                </th>
                <th scope="col">{m('window')}</th>
              </tr>
            </thead>
            <tbody>
              {models.data.map((x) => (
                <tr key={x.version} data-version={x.version}>
                  <th scope="row">
                    <span className="mono">{x.version}</span>
                    <br />
                    <span className="small muted">{lang === 'zh' ? x.name.zh : x.name.en}</span>
                  </th>
                  <td>{x.active ? m('active') : m('candidate')}</td>
                  <td className="num" data-testid={`auc-${x.version}`}>
                    {x.performance ? stat(x.performance.auc) : m('notMeasured')}
                  </td>
                  <td>
                    {x.performance
                      ? `${x.performance.window.from} – ${x.performance.window.to}`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      {activePerf.error && <ErrorNote error={activePerf.error} onRetry={activePerf.reload} />}
      {activePerf.data && <TierRates p={activePerf.data} />}
      {activePerf.data && <Roc curves={[activePerf.data, candidatePerf.data].filter(isPerf)} />}
      <Section title={m('psi')} id="model-drift">
        {drift.error ? (
          <ErrorNote error={drift.error} onRetry={drift.reload} />
        ) : !drift.data ? (
          <Loading />
        ) : (
          <PsiChart drift={drift.data} />
        )}
      </Section>
      <Governance
        claims={claims}
        versions={models.data}
        onChange={() => {
          models.reload();
          drift.reload();
        }}
      />
    </div>
  );
}

const isPerf = (p: Performance | undefined): p is Performance => p !== undefined;

/** Problem rate per tier with its interval: bars with whiskers, and the same numbers in a table. */
function TierRates({ p }: { p: Performance }) {
  const { m } = useModelText();
  const rates = p.byTier;
  const max = Math.max(0.05, ...TIERS.map((t) => rates.byTier[t].high ?? 0));
  const w = 560;
  const h = 200;
  const left = 40;
  const bottom = 24;
  const band = (w - left) / TIERS.length;
  const y = (v: number) => h - bottom - (v / max) * (h - bottom - 28);
  return (
    <Section title={m('rates')} id="model-rates">
      <p className="muted small">
        {p.modelVersion} · {m('window')} {p.window.from} – {p.window.to} · {m('asOf')} {p.asOf} ·{' '}
        {m('sample')} {fmt.int(p.sample.enterprises)} / {fmt.int(p.sample.events)}
      </p>
      <p className="small">{m('ratesHelp')}</p>
      <figure className="chart bounded">
        <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={m('rates')}>
          <line className="grid" x1={left} x2={w} y1={y(0)} y2={y(0)} />
          {TIERS.map((t, i) => {
            const r = rates.byTier[t];
            const x = left + i * band + band * 0.2;
            const bw = band * 0.6;
            return (
              <g key={t}>
                {r.rate !== null && (
                  <rect
                    x={x}
                    width={bw}
                    y={y(r.rate)}
                    height={y(0) - y(r.rate)}
                    fill={TIER_COLORS[t].fill}
                  />
                )}
                {r.low !== null && r.high !== null && (
                  <line
                    className="connector"
                    x1={x + bw / 2}
                    x2={x + bw / 2}
                    y1={y(r.low)}
                    y2={y(r.high)}
                    strokeWidth={2}
                  />
                )}
                <text className="axis" x={x + bw / 2} y={h - 6} textAnchor="middle">
                  {t}
                </text>
                <text className="value" x={x + bw / 2} y={y(r.high ?? 0) - 4} textAnchor="middle">
                  {rateText(r.rate)}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <TierRatesTable byTier={rates.byTier} testId="tier-rates" />
      <p className={`note ${rates.ordered ? 'ok' : 'warn'}`} data-testid="rates-ordered">
        {m(rates.ordered ? 'ordered' : 'notOrdered')}
      </p>
    </Section>
  );
}

const CURVE_COLORS = ['#1f5fa8', '#b3261e'];

/** ROC curves of the active model and a candidate, with their AUC, KS and Gini. */
function Roc({ curves }: { curves: Performance[] }) {
  const { m } = useModelText();
  const s = 260;
  const pad = 30;
  const px = (v: number) => pad + v * (s - pad - 6);
  const py = (v: number) => s - pad - v * (s - pad - 6);
  return (
    <Section title={m('roc')} id="model-roc">
      <p className="small">{m('rocHelp')}</p>
      <div className="grid-2 roc">
        <figure className="chart square">
          <svg viewBox={`0 0 ${s} ${s}`} role="img" aria-label={m('roc')}>
            <line className="grid" x1={px(0)} y1={py(0)} x2={px(1)} y2={py(1)} />
            <line className="axis" x1={px(0)} y1={py(0)} x2={px(1)} y2={py(0)} stroke="#37424d" />
            <line className="axis" x1={px(0)} y1={py(0)} x2={px(0)} y2={py(1)} stroke="#37424d" />
            {curves.map((c, i) => (
              <polyline
                key={c.modelVersion}
                fill="none"
                stroke={CURVE_COLORS[i]}
                strokeWidth={2}
                points={c.roc.map((p) => `${px(p.fpr)},${py(p.tpr)}`).join(' ')}
              />
            ))}
            <text className="axis small" x={px(1)} y={s - 8} textAnchor="end">
              FPR
            </text>
            <text className="axis small" x={4} y={py(1) + 8}>
              TPR
            </text>
          </svg>
        </figure>
        <div className="table-scroll">
          <table className="data" data-testid="roc-stats">
            <thead>
              <tr>
                <th scope="col">{m('version')}</th>
                <th scope="col" className="num">
                  {m('auc')}
                </th>
                <th scope="col">{m('interval')}</th>
                <th scope="col" className="num">
                  {m('ks')}
                </th>
                <th scope="col" className="num">
                  {m('gini')}
                </th>
              </tr>
            </thead>
            <tbody>
              {curves.map((c, i) => (
                <tr key={c.modelVersion} data-version={c.modelVersion}>
                  <th scope="row">
                    <span className="swatch" style={{ background: CURVE_COLORS[i] }} />
                    <span className="mono small">{c.modelVersion}</span>
                  </th>
                  <td className="num" data-testid={`roc-auc-${c.modelVersion}`}>
                    {stat(c.discrimination.auc)}
                  </td>
                  <td className="small">
                    {stat(c.discrimination.aucLow)} – {stat(c.discrimination.aucHigh)}
                  </td>
                  <td className="num">{stat(c.discrimination.ks)}</td>
                  <td className="num">{stat(c.discrimination.gini)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Section>
  );
}

/** PSI of the last runs as bars, with the watch and alert lines. */
function PsiChart({ drift }: { drift: Drift[] }) {
  const { m } = useModelText();
  const shown = drift.filter((d) => d.psi !== null).reverse();
  if (shown.length === 0) return <p className="muted">{m('noDrift')}</p>;
  const { watch, alert } = shown[shown.length - 1].thresholds;
  const max = Math.max(alert * 1.4, ...shown.map((d) => d.psi!));
  const w = 560;
  const h = 180;
  const left = 36;
  const y = (v: number) => h - 20 - (v / max) * (h - 30);
  // At most 60 px a bar, so one run does not fill the chart.
  const bw = Math.min(60, (w - left) / shown.length);
  const color = (b: Drift['band']) =>
    b === 'ALERT' ? '#b3261e' : b === 'WATCH' ? '#b26a00' : '#1b6e2a';
  return (
    <>
      <p className="small">{m('psiHelp', { watch, alert })}</p>
      <figure className="chart bounded">
        <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={m('psi')}>
          {shown.map((d, i) => (
            <rect
              key={d.runId}
              x={left + i * bw + bw * 0.15}
              width={bw * 0.7}
              y={y(d.psi!)}
              height={y(0) - y(d.psi!)}
              fill={color(d.band)}
            />
          ))}
          {[watch, alert].map((v) => (
            <g key={v}>
              <line className="threshold" x1={left} x2={w} y1={y(v)} y2={y(v)} />
              <text className="axis small" x={2} y={y(v) + 4}>
                {v}
              </text>
            </g>
          ))}
        </svg>
      </figure>
      <div className="table-scroll">
        <table className="data" data-testid="drift">
          <thead>
            <tr>
              <th scope="col">{m('run')}</th>
              <th scope="col">{m('previousRun')}</th>
              <th scope="col" className="num">
                PSI
              </th>
              <th scope="col">{m('band')}</th>
            </tr>
          </thead>
          <tbody>
            {[...shown].reverse().map((d) => (
              <tr key={d.runId} data-run={d.runId}>
                <td>#{d.runId}</td>
                <td>#{d.previousRunId}</td>
                <td className="num" data-testid={`psi-${d.runId}`}>
                  {stat(d.psi)}
                </td>
                <td>{d.band ? m(`band.${d.band}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The governance queue: proposals with their decisions; admins propose, another admin approves. */
function Governance({
  claims,
  versions,
  onChange,
}: {
  claims: Claims;
  versions: ModelEntry[];
  onChange: () => void;
}) {
  const { m } = useModelText();
  const proposals = useApi<Proposal[]>('/models/proposals');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const admin = claims.role === 'admin';
  const act = async (path: string, body: object) => {
    setBusy(true);
    setError(undefined);
    try {
      await api(path, { method: 'POST', body });
      proposals.reload();
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={m('governance')} id="model-governance">
      <p className="small">{m('governanceHelp')}</p>
      {admin && (
        <ProposeForm
          versions={versions.filter((v) => !v.active).map((v) => v.version)}
          busy={busy}
          error={error}
          onPropose={(version, dryRunId, reason) =>
            act(`/models/${version}/proposals`, { dryRunId, ...(reason ? { reason } : {}) })
          }
        />
      )}
      {proposals.error ? (
        <ErrorNote error={proposals.error} onRetry={proposals.reload} />
      ) : !proposals.data ? (
        <Loading />
      ) : proposals.data.length === 0 ? (
        <p className="muted">{m('noProposals')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="proposals">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{m('version')}</th>
                <th scope="col">{m('status')}</th>
                <th scope="col">{m('proposedBy')}</th>
                <th scope="col">{m('decidedBy')}</th>
                {admin && <th scope="col" />}
              </tr>
            </thead>
            <tbody>
              {proposals.data.map((p) => (
                <tr key={p.id} data-proposal={p.id}>
                  <td>{p.id}</td>
                  <td className="mono small">{p.version}</td>
                  <td>{m(`status.${p.status}`)}</td>
                  <td className="mono small">{p.proposedBy}</td>
                  <td className="mono small">{p.decidedBy ?? '—'}</td>
                  {admin && (
                    <td>
                      {p.status === 'PROPOSED' &&
                        (p.proposedBy === claims.sub ? (
                          <span className="small muted">{m('ownProposal')}</span>
                        ) : (
                          <div className="actions">
                            <button
                              type="button"
                              className="primary"
                              disabled={busy}
                              onClick={() => act(`/models/proposals/${p.id}/approve`, {})}
                            >
                              {m('approve')}
                            </button>
                            <button
                              type="button"
                              disabled={busy}
                              onClick={() => {
                                const reason = window.prompt(m('refuseReason'));
                                if (reason)
                                  void act(`/models/proposals/${p.id}/refuse`, { reason });
                              }}
                            >
                              {m('refuse')}
                            </button>
                          </div>
                        ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error !== undefined && !fieldErrors(error).dryRunId && <ErrorNote error={error as Error} />}
    </Section>
  );
}

function ProposeForm({
  versions,
  busy,
  error,
  onPropose,
}: {
  versions: string[];
  busy: boolean;
  error: unknown;
  onPropose: (version: string, dryRunId: number, reason: string) => void;
}) {
  const { m } = useModelText();
  const [version, setVersion] = useState(versions[0] ?? '');
  const [dryRunId, setDryRunId] = useState('');
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onPropose(version, Number(dryRunId), reason);
  };
  const note = fieldErrors(error).dryRunId;
  return (
    <form onSubmit={submit} className="filters" aria-label={m('propose')}>
      <div className="field">
        <label htmlFor="propose-version">{m('version')}</label>
        <select id="propose-version" value={version} onChange={(e) => setVersion(e.target.value)}>
          {versions.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="propose-run">{m('dryRunId')}</label>
        <input
          type="text"
          id="propose-run"
          inputMode="numeric"
          required
          value={dryRunId}
          onChange={(e) => setDryRunId(e.target.value)}
          aria-invalid={!!note}
          aria-describedby={note ? 'propose-run-error' : undefined}
        />
        <FieldNote id="propose-run-error" messages={note} />
      </div>
      <div className="field">
        <label htmlFor="propose-reason">{m('reason')}</label>
        <input
          type="text"
          id="propose-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !version}>
          {m('propose')}
        </button>
      </div>
    </form>
  );
}
