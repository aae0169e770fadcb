import { ApiError } from '../api';
import { fmt } from '../format';
import { useAdminText } from '../i18n-admin';
import type { Page } from '../types';

/**
 * Paging under a list: the total labelled, the range shown, and previous/next
 * as real buttons. `onPage` gets the new page number.
 */
export function Pager({
  data,
  onPage,
  id,
}: {
  data: Page<unknown>;
  onPage: (page: number) => void;
  id: string;
}) {
  const { a } = useAdminText();
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const from = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const to = Math.min(data.total, from + data.items.length - 1);
  return (
    <nav className="pager" aria-label={`${a('paging')} ${id}`} data-testid={`pager-${id}`}>
      <p className="small" role="status" data-testid={`total-${id}`}>
        {a('totalItems', { total: fmt.int(data.total) })}
        {data.total > 0 && ` · ${a('showingRange', { from: fmt.int(from), to: fmt.int(to) })}`}
        {' · '}
        {a('pageOf', { page: fmt.int(data.page), pages: fmt.int(pages) })}
      </p>
      <div className="pager-buttons">
        <button type="button" disabled={data.page <= 1} onClick={() => onPage(data.page - 1)}>
          {a('prevPage')}
        </button>
        <button type="button" disabled={data.page >= pages} onClick={() => onPage(data.page + 1)}>
          {a('nextPage')}
        </button>
      </div>
    </nav>
  );
}

/** The API's 400 `details` ({field, message}) as a map field → messages. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details as { field?: string; message?: string; code?: string }[]) {
    const key = d.field ?? '';
    (out[key] ??= []).push(d.message ?? d.code ?? '');
  }
  return out;
}

/** What is wrong with one field, said at the field (`id` is referenced by aria-describedby). */
export function FieldNote({ id, messages }: { id: string; messages?: (string | undefined)[] }) {
  const shown = (messages ?? []).filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {shown.join(' ')}
    </p>
  );
}

/** A ratio 0..1 as a percentage with up to 2 decimals (5 %, 12.5 %). */
export const pct = (r: number) =>
  new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 2 }).format(r);

/** A calendar date in Beijing, as the start (`from`) or the end (`to`, exclusive) of that day. */
export const beijingBound = (date: string, edge: 'from' | 'to') => {
  if (edge === 'from') return `${date}T00:00:00+08:00`;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return `${d.toISOString().slice(0, 10)}T00:00:00+08:00`;
};
