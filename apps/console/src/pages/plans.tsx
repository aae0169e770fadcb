import { useState, type FormEvent } from 'react';
import { api, ApiError, download } from '../api';
import { beijingBound, fieldErrors, FieldNote, Pager, pct } from '../components/admin-kit';
import { ErrorNote, Loading, Section } from '../components/common';
import { TierBadge } from '../components/tier-badge';
import { fmt } from '../format';
import { useAdminText } from '../i18n-admin';
import { Link, navigate } from '../router';
import { TIERS, type Page, type Tier } from '../types';
import { useApi } from '../use-api';
import { useModelText } from '../i18n-models';
import { PlanProgress, ResultCell, type Progress } from './plan-results';

type PerTier<T> = Record<Tier, T>;
interface RatioInfo {
  default: number;
  min: number;
  max: number;
}
interface PlanHeader {
  id: number;
  name: string;
  region: string;
  seed: string;
  seedSource: 'server' | 'caller' | null;
  algorithm: string;
  ratios: PerTier<number>;
  ratioRanges: PerTier<{ min: number; max: number }> | null;
  population: PerTier<number>;
  populationDigest: string | null;
  counts: PerTier<number>;
  totals: { population: number; drawn: number };
  createdBy: string;
  createdAt: string;
}
interface Drawn {
  position: number;
  uscc: string;
  name: string;
  regionCode: string;
  tier: Tier;
  inspectors: { id: number; name: string }[];
  result: 'PASS' | 'PROBLEM' | 'NOT_FOUND' | null;
}
interface Plan extends PlanHeader {
  drawn: Drawn[];
}
interface Verification {
  match: boolean;
  mismatches: { code: string; message: string }[];
  recomputedPopulationDigest?: string;
  drawn: number;
}

const JURISDICTION = /^(?!00)(\d{2}|\d{4}|\d{6})$/;
const PAGE_SIZE = 20;
const LIST_PAGE = 50;

/** /plans?from=&to=&page= : the jurisdiction's plans, and the form to draw one. */
export function Plans({ params }: { params: URLSearchParams }) {
  const { a } = useAdminText();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [form, setForm] = useState({ from, to });
  const q = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (from) q.set('from', beijingBound(from, 'from'));
  if (to) q.set('to', beijingBound(to, 'to'));
  const list = useApi<Page<PlanHeader>>(`/inspection-plans?${q}`);
  const go = (next: { from: string; to: string; page?: number }) => {
    const p = new URLSearchParams();
    if (next.from) p.set('from', next.from);
    if (next.to) p.set('to', next.to);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    navigate(`/plans${p.size ? `?${p}` : ''}`);
  };
  const filter = (e: FormEvent) => {
    e.preventDefault();
    go(form);
  };
  return (
    <div className="admin-page">
      <h1>{a('plansTitle')}</h1>
      <p className="lead">{a('plansIntro')}</p>
      <DrawPlan />
      <Section title={a('plansList')} id="plans-list">
        <form className="filters" onSubmit={filter} aria-label={a('filter')}>
          <div className="field">
            <label htmlFor="plans-from">{a('from')}</label>
            <input
              id="plans-from"
              type="date"
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="plans-to">{a('to')}</label>
            <input
              id="plans-to"
              type="date"
              value={form.to}
              onChange={(e) => setForm({ ...form, to: e.target.value })}
            />
          </div>
          <button type="submit" className="primary">
            {a('filter')}
          </button>
          {(from || to) && (
            <button
              type="button"
              onClick={() => {
                setForm({ from: '', to: '' });
                go({ from: '', to: '' });
              }}
            >
              {a('clearFilters')}
            </button>
          )}
        </form>
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : (
          <>
            {list.data.items.length === 0 ? (
              <p className="muted">{a('noPlans')}</p>
            ) : (
              <div className="table-scroll">
                <table className="data" data-testid="plans">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{a('planName')}</th>
                      <th scope="col">{a('planRegion')}</th>
                      <th scope="col">{a('createdAt')}</th>
                      <th scope="col">{a('seedSource')}</th>
                      <th scope="col" className="num">
                        {a('population')}
                      </th>
                      <th scope="col" className="num">
                        {a('drawnCount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((p) => (
                      <tr key={p.id} data-plan={p.id}>
                        <td>{fmt.int(p.id)}</td>
                        <td>
                          <Link to={`/plans/${p.id}`}>{p.name}</Link>
                        </td>
                        <td className="mono">{p.region}</td>
                        <td className="small">{fmt.dateTime(p.createdAt)}</td>
                        <td>{a(`seedSource.${p.seedSource ?? 'unknown'}`)}</td>
                        <td className="num">{fmt.int(p.totals.population)}</td>
                        <td className="num">{fmt.int(p.totals.drawn)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager data={list.data} id="plans" onPage={(n) => go({ from, to, page: n })} />
          </>
        )}
      </Section>
    </div>
  );
}

/** Up to 4 decimals, within 0..1: the client's check before the server's. */
function ratioProblem(
  text: string,
  info: RatioInfo | undefined,
  a: ReturnType<typeof useAdminText>['a'],
) {
  if (text.trim() === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || Number(text) > 1) return a('ratioNotNumber');
  if (/\.\d{5,}$/.test(text.trim())) return a('ratioTooPrecise');
  const r = Number(text);
  if (info && (r < info.min || r > info.max)) {
    return a('ratioOutOfRange', { min: pct(info.min), max: pct(info.max) });
  }
  return undefined;
}

function DrawPlan() {
  const { a } = useAdminText();
  const info = useApi<PerTier<RatioInfo>>('/inspection-plans/ratios');
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [seed, setSeed] = useState('');
  const [ratios, setRatios] = useState<Record<Tier, string>>({ A: '', B: '', C: '', D: '' });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!name.trim()) local.name = [a('nameRequired')];
    if (region.trim() && !JURISDICTION.test(region.trim())) local.region = [a('regionInvalid')];
    for (const tier of TIERS) {
      const p = ratioProblem(ratios[tier], info.data?.[tier], a);
      if (p) local[`ratios.${tier}`] = [p];
    }
    setErrors(local);
    setError(undefined);
    if (Object.keys(local).length) return;
    const body: Record<string, unknown> = { name: name.trim() };
    if (region.trim()) body.region = region.trim();
    if (seed.trim()) body.seed = seed.trim();
    const given = TIERS.filter((tier) => ratios[tier].trim() !== '');
    if (given.length) body.ratios = Object.fromEntries(given.map((k) => [k, Number(ratios[k])]));
    setBusy(true);
    try {
      const plan = await api<Plan>('/inspection-plans', { method: 'POST', body });
      navigate(`/plans/${plan.id}?drawn=1`);
    } catch (err) {
      const byField = fieldErrors(err);
      // A 422 names the tier of each bad ratio: show it at that tier's field.
      if (err instanceof ApiError && Array.isArray(err.details)) {
        for (const d of err.details as { tier?: string; message?: string; code?: string }[]) {
          if (d.tier) (byField[`ratios.${d.tier}`] ??= []).push(d.message ?? d.code ?? '');
        }
      }
      setErrors(byField);
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const note = (field: string) => errors[field];
  const described = (field: string, help?: string) =>
    [help, errors[field] ? `${field.replace('.', '-')}-error` : undefined]
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="draw-title" noValidate>
      <h2 id="draw-title">{a('drawTitle')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="plan-name">{a('planName')}</label>
          <input
            id="plan-name"
            type="text"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!note('name')}
            aria-describedby={described('name')}
            required
          />
          <FieldNote id="name-error" messages={note('name')} />
        </div>
        <div className="field">
          <label htmlFor="plan-region">
            {a('planRegion')} <span className="muted small">{a('optional')}</span>
          </label>
          <input
            id="plan-region"
            type="text"
            inputMode="numeric"
            value={region}
            maxLength={6}
            onChange={(e) => setRegion(e.target.value)}
            aria-invalid={!!note('region')}
            aria-describedby={described('region', 'plan-region-help')}
          />
          <p id="plan-region-help" className="muted small">
            {a('planRegionHelp')}
          </p>
          <FieldNote id="region-error" messages={note('region')} />
        </div>
      </div>
      <fieldset className="ratios">
        <legend>{a('ratiosTitle')}</legend>
        <p className="muted small" id="ratios-help">
          {a('ratiosHelp')}
        </p>
        <div className="ratio-grid">
          {TIERS.map((tier) => {
            const r = info.data?.[tier];
            const field = `ratios.${tier}`;
            return (
              <div className="field" key={tier}>
                <label htmlFor={`ratio-${tier}`}>{a('ratioFor', { tier })}</label>
                <input
                  id={`ratio-${tier}`}
                  type="text"
                  inputMode="decimal"
                  value={ratios[tier]}
                  placeholder={r ? String(r.default) : ''}
                  onChange={(e) => setRatios({ ...ratios, [tier]: e.target.value })}
                  aria-invalid={!!note(field)}
                  aria-describedby={described(field, `ratio-${tier}-range`)}
                />
                <p className="muted small" id={`ratio-${tier}-range`} data-testid={`range-${tier}`}>
                  {r
                    ? a('ratioRange', {
                        default: pct(r.default),
                        min: pct(r.min),
                        max: pct(r.max),
                      })
                    : '…'}
                </p>
                <FieldNote id={`ratios-${tier}-error`} messages={note(field)} />
              </div>
            );
          })}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="plan-seed">{a('seed')}</label>
        <input
          id="plan-seed"
          type="text"
          value={seed}
          maxLength={128}
          onChange={(e) => setSeed(e.target.value)}
          aria-invalid={!!note('seed')}
          aria-describedby={described('seed', 'plan-seed-help')}
          autoComplete="off"
        />
        <p id="plan-seed-help" className="muted small">
          {a('seedHelp')}
        </p>
        <FieldNote id="seed-error" messages={note('seed')} />
      </div>
      {info.error && <ErrorNote error={info.error} onRetry={info.reload} />}
      {error && <ErrorNote error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? a('saving') : a('draw')}
        </button>
      </div>
    </form>
  );
}

/** /plans/:id : the plan, per tier, its list, CSV export and verification. */
export function PlanDetail({ id, justDrawn }: { id: string; justDrawn: boolean }) {
  const { a, t } = useAdminText();
  const plan = useApi<Plan>(`/inspection-plans/${id}`);
  const progress = useApi<Progress>(`/inspection-plans/${id}/progress`);
  const { m } = useModelText();
  const [page, setPage] = useState(1);
  const [verification, setVerification] = useState<{ result?: Verification; error?: Error }>();
  const [verifying, setVerifying] = useState(false);
  const [exported, setExported] = useState<{ ok?: boolean; error?: Error }>();

  if (plan.error) return <ErrorNote error={plan.error} onRetry={plan.reload} />;
  if (!plan.data) return <Loading />;
  const p = plan.data;

  const verify = async () => {
    setVerifying(true);
    try {
      const result = await api<Verification>(`/inspection-plans/${p.id}/verify`, {
        method: 'POST',
      });
      setVerification({ result });
    } catch (error) {
      setVerification({ error: error as Error });
    } finally {
      setVerifying(false);
    }
  };
  const exportCsv = async () => {
    try {
      await download(`/inspection-plans/${p.id}/export.csv`, `inspection-plan-${p.id}.csv`);
      setExported({ ok: true });
    } catch (error) {
      setExported({ error: error as Error });
    }
  };
  const shown = p.drawn.slice((page - 1) * LIST_PAGE, page * LIST_PAGE);

  return (
    <div className="admin-page">
      <p>
        <Link to="/plans">← {a('backToPlans')}</Link>
      </p>
      <h1>
        {a('planDetail')} #{fmt.int(p.id)} · {p.name}
      </h1>
      {justDrawn && (
        <p className="note ok" role="status" data-testid="plan-drawn">
          {a('drawn')} #{fmt.int(p.id)}
        </p>
      )}
      <div className="grid-2">
        <Section title={t('profile')} id="plan-facts">
          <dl className="facts">
            <dt>{a('planRegion')}</dt>
            <dd className="mono">{p.region}</dd>
            <dt>{a('createdAt')}</dt>
            <dd>{fmt.dateTime(p.createdAt)}</dd>
            <dt>{a('createdBy')}</dt>
            <dd className="mono">{p.createdBy}</dd>
            <dt>{a('seedSource')}</dt>
            <dd data-testid="seed-source">{a(`seedSource.${p.seedSource ?? 'unknown'}`)}</dd>
            <dt>{a('seedShort')}</dt>
            <dd className="mono wrap">{p.seed}</dd>
            <dt>{a('algorithm')}</dt>
            <dd className="small wrap">{p.algorithm}</dd>
            <dt>{a('populationDigest')}</dt>
            <dd className="mono small wrap">{p.populationDigest ?? '—'}</dd>
          </dl>
        </Section>
        <Section title={a('verify')} id="plan-verify">
          <p className="muted small">{a('verifyHelp')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={verify} disabled={verifying}>
              {a('verify')}
            </button>
            <button type="button" onClick={exportCsv}>
              {a('exportCsv')}
            </button>
          </div>
          {verification?.result && (
            <div
              className={`note ${verification.result.match ? 'ok' : 'error'}`}
              role="status"
              data-testid="verify-result"
              data-match={verification.result.match}
            >
              <p>{a(verification.result.match ? 'verifyMatch' : 'verifyMismatch')}</p>
              {verification.result.mismatches.length > 0 && (
                <ul>
                  {verification.result.mismatches.map((m) => (
                    <li key={m.code}>
                      <span className="mono">{m.code}</span>: {m.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {verification?.error && <ErrorNote error={verification.error} />}
          {exported?.ok && (
            <p className="note ok" role="status">
              {a('exported')}
            </p>
          )}
          {exported?.error && <ErrorNote error={exported.error} />}
        </Section>
      </div>
      <Section title={a('perTier')} id="plan-tiers">
        <div className="table-scroll">
          <table className="data" data-testid="plan-tiers">
            <thead>
              <tr>
                <th scope="col">{t('tier')}</th>
                <th scope="col" className="num">
                  {a('population')}
                </th>
                <th scope="col" className="num">
                  {a('ratio')}
                </th>
                <th scope="col">{a('allowedRange')}</th>
                <th scope="col" className="num">
                  {a('drawnCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {TIERS.map((tier) => (
                <tr key={tier} data-tier={tier}>
                  <th scope="row">
                    <TierBadge tier={tier} long />
                  </th>
                  <td className="num">{fmt.int(p.population[tier])}</td>
                  <td className="num">{pct(p.ratios[tier])}</td>
                  <td>
                    {p.ratioRanges
                      ? `${pct(p.ratioRanges[tier].min)} – ${pct(p.ratioRanges[tier].max)}`
                      : '—'}
                  </td>
                  <td className="num" data-testid={`count-${tier}`}>
                    {fmt.int(p.counts[tier])}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('total')}</th>
                <td className="num">{fmt.int(p.totals.population)}</td>
                <td />
                <td />
                <td className="num">{fmt.int(p.totals.drawn)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Section>
      <PlanProgress planId={p.id} progress={progress} />
      <Section title={a('drawnList')} id="plan-drawn">
        {p.drawn.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="drawn">
              <thead>
                <tr>
                  <th scope="col">{a('position')}</th>
                  <th scope="col">{t('uscc')}</th>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('regionCode')}</th>
                  <th scope="col">{t('tier')}</th>
                  <th scope="col">{a('inspectors')}</th>
                  <th scope="col">{m('result')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((d) => (
                  <tr key={d.position} data-uscc={d.uscc}>
                    <td>{fmt.int(d.position)}</td>
                    <td className="mono">
                      <Link to={`/enterprises/${d.uscc}`}>{d.uscc}</Link>
                    </td>
                    <td>{d.name}</td>
                    <td className="mono">{d.regionCode}</td>
                    <td>
                      <TierBadge tier={d.tier} />
                    </td>
                    <td>{d.inspectors.map((i) => i.name).join('、')}</td>
                    <td>
                      <ResultCell
                        planId={p.id}
                        uscc={d.uscc}
                        result={d.result}
                        canRecord
                        onRecorded={() => {
                          plan.reload();
                          progress.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          data={{ items: shown, page, pageSize: LIST_PAGE, total: p.drawn.length }}
          id="drawn"
          onPage={setPage}
        />
      </Section>
    </div>
  );
}
