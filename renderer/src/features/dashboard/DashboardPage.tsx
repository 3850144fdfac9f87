import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function DashboardPage() {
  const { t } = useTranslation();
  return <h1>{t('nav.dashboard')}</h1>;
}
