import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './api';
import { useToasts } from './toasts';

/**
 * Runs a write and tells the person what happened: a short success message, or the service's own
 * reason for refusing (in their language). Returns whether it worked; `busy` disables the button.
 */
export function useAction() {
  const { i18n } = useTranslation();
  const show = useToasts((s) => s.show);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (work: () => Promise<unknown>, success?: string): Promise<boolean> => {
      setBusy(true);
      try {
        await work();
        if (success) show('success', success);
        return true;
      } catch (err) {
        show('error', errorText(err, i18n.language));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [i18n.language, show],
  );
  return { run, busy };
}
