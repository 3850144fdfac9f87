import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function SearchPage({ text }: { text: string }) {
  const { t } = useTranslation();
  return <h1 data-subject={text}>{t('searchLabel')}</h1>;
}
