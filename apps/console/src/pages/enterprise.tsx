import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { ErrorNote, Loading, Section } from '../components/common';
import { Pager } from '../components/admin-kit';
import { TierBadge } from '../components/tier-badge';
import { ScoreHistory } from '../components/score-history';
import { Waterfall } from '../components/waterfall';
import { fmt } from '../format';
import { useI18n, type I18n } from '../i18n';
import { Link, navigate } from '../router';
import type {
  Assessment,
  CreditRecord,
  Enterprise,
  Measures,
  Page,
  Simulation,
  Tier,
  TierListItem,
} from '../types';
import { TIERS } from '../types';
import { useApi } from '../use-api';
import type { Role } from '../auth';

export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = q.trim();
    if (v) navigate(`/enterprises?q=${encodeURIComponent(v)}`);
  };
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor="enterprise-q">{t('searchLabel')}</label>
      <div className="row">
        <input
          id="enterprise-q"
          name="q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-describedby="enterprise-q-hint"
          autoComplete="off"
          maxLength={100}
        />
        <button type="submit" className="primary">
          {t('searchButton')}
        </button>
      </div>
      <p id="enterprise-q-hint" className="muted small">
        {t('searchHint')}
      </p>
    </form>
  );
}

/**
 * /enterprises?q=&tier=&region=&page= : the jurisdiction's classified
 * enterprises with their tier, filtered by name or USCC, tier and sub-region,
 * paged with the total said; the overview's counts link here.
 */
export function EnterpriseSearch({ params }: { params: URLSearchParams }) {
  const { t, code } = useI18n();
  const q = params.get('q') ?? '';
  const tier = params.get('tier') ?? '';
  const region = params.get('region') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [form, setForm] = useState({ q, tier, region });
  const query = new URLSearchParams({ pageSize: '50', page: String(page) });
  if (q) query.set('q', q);
  if (tier) query.set('tier', tier);
  if (region) query.set('region', region);
  const results = useApi<Page<TierListItem>>(`/risk?${query}`);
  const go = (f: { q: string; tier: string; region: string }, to = 1) => {
    const p = new URLSearchParams();
    if (f.q.trim()) p.set('q', f.q.trim());
    if (f.tier) p.set('tier', f.tier);
    if (f.region.trim()) p.set('region', f.region.trim());
    if (to > 1) p.set('page', String(to));
    navigate(`/enterprises${p.size ? `?${p}` : ''}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go(form);
  };
  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <form className="card filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="enterprise-q">{t('searchLabel')}</label>
          <input
            id="enterprise-q"
            type="search"
            value={form.q}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
            autoComplete="off"
            maxLength={100}
          />
        </div>
        <div className="field">
          <label htmlFor="tier-filter">{t('tier')}</label>
          <select
            id="tier-filter"
            value={form.tier}
            onChange={(e) => setForm({ ...form, tier: e.target.value })}
          >
            <option value="">{t('allTiers')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {code('tier', x)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="region-filter">{t('regionCode')}</label>
          <input
            id="region-filter"
            inputMode="numeric"
            pattern="[0-9]{2}|[0-9]{4}|[0-9]{6}"
            value={form.region}
            onChange={(e) => setForm({ ...form, region: e.target.value })}
            aria-describedby="region-filter-hint"
          />
          <span id="region-filter-hint" className="muted small">
            {t('regionFilterHint')}
          </span>
        </div>
        <button type="submit" className="primary">
          {t('searchButton')}
        </button>
      </form>
      <Section title={t('results')} id="results">
        {results.error ? (
          <ErrorNote error={results.error} onRetry={results.reload} />
        ) : !results.data ? (
          <Loading />
        ) : results.data.items.length === 0 ? (
          <p className="muted">{t('noResults')}</p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="data" data-testid="search-results">
                <thead>
                  <tr>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('uscc')}</th>
                    <th scope="col">{t('regionCode')}</th>
                    <th scope="col">{t('tier')}</th>
                    <th scope="col" className="num">
                      {t('score')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {results.data.items.map((e) => (
                    <tr key={e.uscc} data-tier={e.tier}>
                      <td>
                        <Link to={`/enterprises/${e.uscc}`}>{e.name}</Link>
                      </td>
                      <td className="mono">{e.uscc}</td>
                      <td>{e.regionName ?? e.regionCode}</td>
                      <td>
                        <TierBadge tier={e.tier} long />
                      </td>
                      <td className="num">{fmt.int(e.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {results.data && results.data.total > 0 && (
          <Pager data={results.data} id="results" onPage={(n) => go({ q, tier, region }, n)} />
        )}
      </Section>
    </>
  );
}

/** 批发和零售业 · 批发业 (the standard names divisions in Chinese only). */
function industryText(e: Enterprise, i18n: I18n): string {
  const n = e.industryName;
  if (!n) return '';
  const section = i18n.lang === 'zh' ? n.sectionName.zh : n.sectionName.en;
  return n.divisionName ? `${section} · ${n.divisionName}` : section;
}

/** What re-scored the enterprise, in words: 分类批次 #12, 信用修复批准 #3, 新增记录 #5. */
export function triggerText(trigger: string | null | undefined, i18n: I18n): string {
  if (!trigger) return '';
  const [kind, id] = trigger.split(':');
  const words = i18n.code('trigger', kind);
  if (words === kind) return trigger;
  if (!id) return words;
  return kind.startsWith('cli') ? `${words} (${id})` : `${words} #${id}`;
}

function recordDetails(r: CreditRecord, i18n: I18n): string {
  const parts: string[] = [];
  if (r.severity) parts.push(i18n.code('severity', r.severity));
  if (r.restrictive) parts.push(i18n.lang === 'zh' ? '限制性' : 'restrictive');
  if (r.violationType) parts.push(r.violationType);
  if (r.amount !== undefined) parts.push(fmt.cny(r.amount));
  if (r.documentNo) parts.push(r.documentNo);
  if (r.reason) parts.push(r.reason);
  if (r.field) parts.push(i18n.code('field', r.field));
  if (r.result) parts.push(i18n.code('result', r.result));
  if (r.title) parts.push(r.title);
  if (r.year !== undefined) parts.push(String(r.year));
  if (r.rating) parts.push(r.rating);
  return parts.join(' · ');
}

export function EnterpriseDetail({ uscc, role }: { uscc: string; role: Role }) {
  const i18n = useI18n();
  const { t, code, label } = i18n;
  const profile = useApi<Enterprise>(`/enterprises/${uscc}`);
  const risk = useApi<Assessment>(`/enterprises/${uscc}/risk`);
  const records = useApi<Page<CreditRecord>>(`/enterprises/${uscc}/records?pageSize=500`);
  const history = useApi<Page<Assessment>>(`/enterprises/${uscc}/risk/history?pageSize=50`);
  // Supervision measures are the regulators' (an admin would only meet a 403 there).
  const supervises = role === 'regulator';
  const measures = useApi<Measures>(supervises ? `/enterprises/${uscc}/measures` : null);
  const [without, setWithout] = useState<Set<number>>(new Set());
  const [sim, setSim] = useState<{ result?: Simulation; error?: Error; busy?: boolean }>({});

  const reloadAll = () => {
    profile.reload();
    risk.reload();
    records.reload();
    history.reload();
    measures.reload();
  };
  const toggle = (id: number) =>
    setWithout((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const simulate = async () => {
    if (without.size === 0) {
      setSim({ error: new Error(t('pickRecord')) });
      return;
    }
    setSim({ busy: true });
    try {
      const result = await api<Simulation>('/risk/simulate', {
        method: 'POST',
        body: { uscc, without: [...without] },
      });
      setSim({ result });
    } catch (error) {
      setSim({ error: error as Error });
    }
  };

  const a = risk.data;
  const factorSum = a ? a.factors.reduce((s, f) => s + f.points, 0) : 0;
  const base = a ? (a.base ?? a.score - factorSum) : 0;
  const riskForbidden = risk.error instanceof ApiError && risk.error.status === 403;

  return (
    <>
      <div className="page-head">
        <h1>
          {profile.data?.name ?? uscc}
          {a && (
            <>
              {' '}
              <TierBadge tier={a.tier} />
            </>
          )}
        </h1>
        <button type="button" onClick={reloadAll}>
          {t('refresh')}
        </button>
      </div>
      <details className="card compact">
        <summary>{t('searchTitle')}</summary>
        <SearchBox />
      </details>

      <div className="grid-2">
        <Section title={t('profile')} id="profile">
          {profile.error ? (
            <ErrorNote error={profile.error} />
          ) : !profile.data ? (
            <Loading />
          ) : (
            <dl className="facts">
              <dt>{t('uscc')}</dt>
              <dd className="mono">{profile.data.uscc}</dd>
              <dt>{t('regionCode')}</dt>
              <dd>
                {profile.data.regionName ?? profile.data.regionCode}{' '}
                <span className="muted small mono">{profile.data.regionCode}</span>
              </dd>
              <dt>{t('industryCode')}</dt>
              <dd>
                {industryText(profile.data, i18n)}{' '}
                <span className="muted small mono">{profile.data.industryCode}</span>
              </dd>
              <dt>{t('enterpriseType')}</dt>
              <dd>{profile.data.type}</dd>
              <dt>{t('registeredCapital')}</dt>
              <dd>{fmt.cny(profile.data.registeredCapital)}</dd>
              <dt>{t('establishedOn')}</dt>
              <dd>{profile.data.establishedOn}</dd>
              <dt>{t('status')}</dt>
              <dd>{code('enterpriseStatus', profile.data.status)}</dd>
            </dl>
          )}
        </Section>

        <Section title={t('riskTitle')} id="risk">
          {risk.error ? (
            risk.error instanceof ApiError && risk.error.status === 404 && profile.data ? (
              <p className="muted">{t('notAssessed')}</p>
            ) : (
              <ErrorNote error={risk.error} />
            )
          ) : !a ? (
            <Loading />
          ) : (
            <div className="risk-head" data-testid="risk-head">
              <TierBadge tier={a.tier} long />
              <div>
                <span className="muted small">{t('score')}</span>
                <div className="score" data-testid="score" data-value={a.score}>
                  {fmt.int(a.score)}
                </div>
              </div>
              <dl className="facts small">
                <dt>{t('asOf')}</dt>
                <dd>{a.asOf}</dd>
                <dt>{t('assessedAt')}</dt>
                <dd>{fmt.dateTime(a.assessedAt)}</dd>
                <dt>{t('model')}</dt>
                <dd className="mono">{a.modelVersion}</dd>
              </dl>
            </div>
          )}
        </Section>
      </div>

      {a && (
        <Section title={t('explanation')} id="explanation">
          <p className="muted small">{t('waterfallDesc')}</p>
          <Waterfall a={a} />
          <div className="note veto-box" data-testid="vetoes">
            <h3>{t('vetoes')}</h3>
            {a.vetoes.length === 0 ? (
              <p className="muted">{t('noVetoes')}</p>
            ) : (
              <ul>
                {a.vetoes.map((v) => (
                  <li key={v.code} data-veto={v.code}>
                    <strong>{label(v.label, v.code)}</strong> → {t('vetoAtMost')}{' '}
                    <TierBadge tier={v.effect.replace('AT_MOST_', '') as Tier} />
                    {v.recordIds.length > 0 && (
                      <span className="muted small">
                        {' '}
                        ({t('record')} #{v.recordIds.join(', #')})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <details>
            <summary>
              {t('indicator')} · {t('points')}
            </summary>
            <table className="data" data-testid="factor-table">
              <thead>
                <tr>
                  <th scope="col">{t('indicator')}</th>
                  <th scope="col" className="num">
                    {t('points')}
                  </th>
                  <th scope="col">{t('records')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('base')}</th>
                  <td className="num" data-testid="base-points" data-value={base}>
                    {fmt.int(base)}
                  </td>
                  <td />
                </tr>
                {a.factors.map((f) => (
                  <tr key={f.code} className={f.points === 0 ? 'muted' : ''}>
                    <th scope="row">
                      {f.code} {label(f.label, '')}
                      {f.category && (
                        <span className="muted small"> · {code('category', f.category)}</span>
                      )}
                    </th>
                    <td className="num" data-factor={f.code} data-value={f.points}>
                      {fmt.signed(f.points)}
                    </td>
                    <td className="small">
                      {f.recordIds.length ? `#${f.recordIds.join(', #')}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('sumCheck')}</th>
                  <td className="num">{fmt.int(a.score)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </details>
        </Section>
      )}

      <Section title={t('records')} id="records">
        {records.error ? (
          <ErrorNote error={records.error} />
        ) : !records.data ? (
          <Loading />
        ) : records.data.items.length === 0 ? (
          <p className="muted">{t('noRecords')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="records">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('kind')}</th>
                  <th scope="col">{t('occurredOn')}</th>
                  <th scope="col">{t('details')}</th>
                  <th scope="col">{t('status')}</th>
                  {!riskForbidden && <th scope="col">{t('whatIfWithout')}</th>}
                </tr>
              </thead>
              <tbody>
                {records.data.items.map((r) => (
                  <tr key={r.id} data-record={r.id}>
                    <td>{r.id}</td>
                    <td>{code('kind', r.kind)}</td>
                    <td>{r.occurredOn}</td>
                    <td className="small">{recordDetails(r, i18n)}</td>
                    <td>
                      <span className={`status status-${r.status.toLowerCase()}`}>
                        {code('recordStatus', r.status)}
                      </span>
                    </td>
                    {!riskForbidden && (
                      <td>
                        {r.status === 'ACTIVE' && (
                          <input
                            type="checkbox"
                            id={`without-${r.id}`}
                            checked={without.has(r.id)}
                            onChange={() => toggle(r.id)}
                            aria-label={`${t('whatIfWithout')}: #${r.id} ${code('kind', r.kind)}`}
                          />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      {a && (
        <Section title={t('whatIf')} id="what-if">
          <p className="muted small">{t('whatIfHelp')}</p>
          <button type="button" className="primary" onClick={simulate} disabled={sim.busy}>
            {t('simulate')}
          </button>
          {sim.error && <ErrorNote error={sim.error} />}
          {sim.result && (
            <table className="data what-if" data-testid="what-if-result" aria-live="polite">
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col">{t('tier')}</th>
                  <th scope="col" className="num">
                    {t('score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('current')}</th>
                  <td>
                    <TierBadge tier={sim.result.baseline.tier} />
                  </td>
                  <td className="num">{fmt.int(sim.result.baseline.score)}</td>
                </tr>
                <tr>
                  <th scope="row">
                    {t('simulated')} (− #{sim.result.without.join(', #')})
                  </th>
                  <td>
                    <TierBadge tier={sim.result.tier} />
                  </td>
                  <td className="num" data-testid="what-if-score" data-value={sim.result.score}>
                    {fmt.int(sim.result.score)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t('change')}</th>
                  <td />
                  <td className="num">
                    {fmt.signed(sim.result.score - sim.result.baseline.score)}
                  </td>
                </tr>
              </tbody>
            </table>
          )}
        </Section>
      )}

      <div className="grid-2">
        <Section title={t('history')} id="history">
          {history.error ? (
            <ErrorNote error={history.error} />
          ) : !history.data ? (
            <Loading />
          ) : (
            <>
              <ScoreHistory items={history.data.items} />
              <table className="data small" data-testid="history">
                <thead>
                  <tr>
                    <th scope="col">{t('asOf')}</th>
                    <th scope="col">{t('tier')}</th>
                    <th scope="col" className="num">
                      {t('score')}
                    </th>
                    <th scope="col">{t('trigger')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.items.map((h, i) => (
                    <tr key={i}>
                      <td>{h.asOf}</td>
                      <td>
                        <TierBadge tier={h.tier} />
                      </td>
                      <td className="num">{fmt.int(h.score)}</td>
                      <td className="small">{triggerText(h.trigger, i18n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Section>

        {supervises && (
          <Section title={t('measures')} id="measures">
            {measures.error ? (
              measures.error instanceof ApiError && measures.error.status === 404 ? (
                <p className="muted">{t('noMeasures')}</p>
              ) : (
                <ErrorNote error={measures.error} />
              )
            ) : !measures.data ? (
              <Loading />
            ) : measures.data.measures.length === 0 ? (
              <p className="muted">{t('noMeasures')}</p>
            ) : (
              <ul className="measures" data-testid="measures">
                {measures.data.measures.map((m) => (
                  <li key={m.id}>
                    <span className={`tag tag-${m.kind.toLowerCase()}`}>
                      {code('measure', m.kind)}
                    </span>{' '}
                    {i18n.lang === 'zh' ? m.zh : m.en}
                    <div className="muted small">
                      {t('triggeredBy')}:{' '}
                      {m.triggers.map((tr) => (i18n.lang === 'zh' ? tr.zh : tr.en)).join('；')}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        )}
      </div>
    </>
  );
}
