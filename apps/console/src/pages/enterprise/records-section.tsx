import { ErrorNote, Loading, Section } from '../../components/common';
import { useI18n } from '../../i18n';
import type { CreditRecord, Page } from '../../types';
import type { Loaded } from '../../use-api';
import { recordDetails } from './words';

/**
 * The enterprise's records; when the caller may read its risk, an active
 * record can be ticked for the what-if below.
 */
export function RecordsSection({
  records,
  selectable,
  without,
  toggle,
}: {
  records: Loaded<Page<CreditRecord>>;
  selectable: boolean;
  without: ReadonlySet<number>;
  toggle: (id: number) => void;
}) {
  const i18n = useI18n();
  const { t, code } = i18n;
  return (
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
                {selectable && <th scope="col">{t('whatIfWithout')}</th>}
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
                  {selectable && (
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
  );
}
