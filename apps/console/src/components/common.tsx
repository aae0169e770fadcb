import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

/** What went wrong, in words: 403 says plainly that the role may not see it. */
export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : undefined;
  const text =
    status === 403
      ? t('forbidden')
      : status === 404
        ? `${t('notFound')}: ${error.message}`
        : `${t('errorPrefix')}: ${error.message}`;
  return (
    <div className="note error" role="alert" data-status={status}>
      <p>{text}</p>
      {onRetry && status !== 403 && status !== 404 && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('loading')}
    </p>
  );
}

export function Section({
  title,
  id,
  children,
  actions,
}: {
  title: string;
  id: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/**
 * A modal question (the native <dialog>: focus moves in and is trapped, Esc
 * cancels). The confirm button takes the focus, so Enter confirms on purpose
 * only after reading.
 */
export function ConfirmDialog({
  title,
  children,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      data-testid="confirm"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      {children}
      <div className="buttons">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} autoFocus>
          {t('confirmGo')}
        </button>
      </div>
    </dialog>
  );
}
