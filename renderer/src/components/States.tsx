import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/api';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state" role="status" aria-busy="true">
      {label ?? t('loading')}
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <p>{t('loadFailed', { reason: errorText(error, i18n.language) })}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Says why nothing is here and what to do about it. */
export function EmptyState({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {hint ? <p className="state-hint">{hint}</p> : null}
      {children}
    </div>
  );
}
