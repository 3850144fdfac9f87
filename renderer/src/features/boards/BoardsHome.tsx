import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function BoardsHome() {
  const { t } = useTranslation();
  return <h1>{t('nav.boards')}</h1>;
}
