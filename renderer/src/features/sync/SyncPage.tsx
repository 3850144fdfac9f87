import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function SyncPage() {
  const { t } = useTranslation();
  return <h1>{t('nav.sync')}</h1>;
}
