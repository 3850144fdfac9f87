import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function CasesPage() {
  const { t } = useTranslation();
  return <h1>{t('nav.cases')}</h1>;
}
