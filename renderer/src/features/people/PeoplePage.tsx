import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function PeoplePage() {
  const { t } = useTranslation();
  return <h1>{t('nav.people')}</h1>;
}
