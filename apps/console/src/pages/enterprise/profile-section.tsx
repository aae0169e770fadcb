import { ErrorNote, Loading, Section } from '../../components/common';
import { fmt } from '../../format';
import { useI18n } from '../../i18n';
import type { Enterprise } from '../../types';
import type { Loaded } from '../../use-api';
import { industryText } from './words';

/** The registry's facts: USCC, region and industry by name, type, capital, status. */
export function ProfileSection({ profile }: { profile: Loaded<Enterprise> }) {
  const i18n = useI18n();
  const { t, code } = i18n;
  return (
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
  );
}
