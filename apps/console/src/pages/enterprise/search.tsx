import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote, Loading, Section } from '../../components/common';
import { Pager } from '../../components/admin-kit';
import { TierBadge } from '../../components/tier-badge';
import { fmt } from '../../format';
import { useI18n } from '../../i18n';
import { Link, navigate } from '../../router';
import type { Page, TierListItem } from '../../types';
import { TIERS } from '../../types';
import { useApi } from '../../use-api';

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
