import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function BoardPage({ id }: { id: string }) {
  const { t } = useTranslation();
  return <h1 data-subject={id}>{t('nav.boards')}</h1>;
}
