import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api';
import { useToasts } from '../../lib/toasts';

/**
 * Runs a write on a 军令状 and keeps the service's reason when it is refused, so the view can show it
 * beside the document (a toast alone is gone after a few seconds). Returns the value, or null.
 */
export function usePledgeAction() {
  const { i18n } = useTranslation();
  const show = useToasts((s) => s.show);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = useCallback(
    async <T>(work: () => Promise<T>, success?: string): Promise<T | null> => {
      setBusy(true);
      setRefusal(null);
      try {
        const value = await work();
        if (success) show('success', success);
        return value;
      } catch (err) {
        const reason = errorText(err, i18n.language);
        setRefusal(reason);
        show('error', reason);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [i18n.language, show],
  );
  const clear = useCallback(() => setRefusal(null), []);
  return { run, busy, refusal, clear };
}
