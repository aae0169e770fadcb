import { ApiError } from '../../api';
import { ErrorNote, Loading, Section } from '../../components/common';
import { useI18n } from '../../i18n';
import type { Measures } from '../../types';
import type { Loaded } from '../../use-api';

/** The supervision measures in force for the enterprise's tier and records, with what triggers each. */
export function MeasuresSection({ measures }: { measures: Loaded<Measures> }) {
  const i18n = useI18n();
  const { t, code } = i18n;
  return (
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
              <span className={`tag tag-${m.kind.toLowerCase()}`}>{code('measure', m.kind)}</span>{' '}
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
  );
}
