import { fmt } from '../format';
import { useI18n } from '../i18n';
import type { Page } from '../types';

/**
 * "第 51–100 条，共 3,921 条" with previous/next: every list says what part of
 * how many it shows, and lets the user reach the rest.
 */
export function Pager({
  page,
  onPage,
  label,
}: {
  page: Page<unknown>;
  onPage: (page: number) => void;
  label: string;
}) {
  const { t } = useI18n();
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  const from = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const to = Math.min(page.total, page.page * page.pageSize);
  return (
    <nav className="pager" aria-label={label} data-testid="pager">
      <span role="status" data-testid="pager-status">
        {t('pagerShown')
          .replace('{from}', fmt.int(from))
          .replace('{to}', fmt.int(to))
          .replace('{total}', fmt.int(page.total))}
      </span>
      <button type="button" disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
        {t('pagerPrevious')}
      </button>
      <span className="small">
        {fmt.int(page.page)} / {fmt.int(last)}
      </span>
      <button type="button" disabled={page.page >= last} onClick={() => onPage(page.page + 1)}>
        {t('pagerNext')}
      </button>
    </nav>
  );
}
