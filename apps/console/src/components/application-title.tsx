import { fmt } from '../format';
import { useI18n } from '../i18n';
import type { Application } from '../types';

/** "申请 #12 待受理": an application's heading with its status, on both sides of the workflow. */
export function ApplicationTitle({ a }: { a: Pick<Application, 'id' | 'status'> }) {
  const { t, code } = useI18n();
  return (
    <h1>
      {t('application')} #{fmt.int(a.id)}{' '}
      <span
        className={`status app-${a.status.toLowerCase()}`}
        data-testid="app-status"
        data-value={a.status}
      >
        {code('app', a.status)}
      </span>
    </h1>
  );
}
