import { useTranslation } from 'react-i18next';

/** Placeholder until this view lands. */
export function PledgeEditorPage(props: { challengeId?: string; pledgeId?: string }) {
  const { t } = useTranslation();
  return <h1 data-subject={JSON.stringify(props)}>{t('nav.boards')}</h1>;
}
