import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The window title names the page (and a saved PDF is named after it): "<title> · 揭榜". */
export function usePageTitle(title: string | null | undefined, options: { skip?: boolean } = {}): void {
  const { t } = useTranslation();
  const app = t('appName');
  const skip = options.skip ?? false;
  useEffect(() => {
    if (skip) return;
    document.title = title ? `${title} · ${app}` : `${app} Jiebang`;
  }, [title, app, skip]);
}
