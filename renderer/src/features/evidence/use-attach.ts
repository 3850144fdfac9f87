import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, unwrap, useApi } from '../../lib/api';
import { grantFile } from '../../lib/file-grants';
import { useToasts } from '../../lib/toasts';
import type { EvidenceOwner } from './model';

/** A file on its way in: handed to main for a grant, then checked and stored by evidence.attach. */
export interface PendingFile {
  key: number;
  name: string;
  size: number;
  phase: 'reading' | 'storing';
}

/** A file that was refused, with the service's own reason in the reader's language. */
export interface RefusedFile {
  key: number;
  name: string;
  reason: string;
}

/**
 * Attaches picked or dropped files one after another (a slow disk or a large video must not be read
 * twice at once). Each refusal is kept beside the strip until dismissed — "photo.jpg: executable files
 * cannot be attached" must not vanish with a toast.
 */
export function useAttach(owner: EvidenceOwner, onAttached?: () => void) {
  const { t, i18n } = useTranslation('evidence');
  const api = useApi();
  const show = useToasts((s) => s.show);
  const [pending, setPending] = useState<PendingFile[]>([]);
  const [refused, setRefused] = useState<RefusedFile[]>([]);
  const nextKey = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const attachOne = useCallback(
    async (file: File): Promise<boolean> => {
      const key = ++nextKey.current;
      const name = file.name || t('unnamed');
      setPending((list) => [...list, { key, name, size: file.size, phase: 'reading' }]);
      try {
        const granted = await grantFile(file);
        if (!granted.ok) throw new ApiError(granted.error);
        setPending((list) => list.map((p) => (p.key === key ? { ...p, phase: 'storing' } : p)));
        await unwrap(api.evidence.attach({ token: granted.value.token, ownerEntity: owner.entity, ownerId: owner.id }));
        return true;
      } catch (err) {
        setRefused((list) => [...list, { key, name, reason: errorText(err, i18n.language) }]);
        return false;
      } finally {
        setPending((list) => list.filter((p) => p.key !== key));
      }
    },
    [api, i18n.language, owner.entity, owner.id, t],
  );

  const attach = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return Promise.resolve();
      const run = async () => {
        let done = 0;
        for (const file of files) if (await attachOne(file)) done++;
        if (done > 0) {
          show('success', t('attached', { count: done }));
          onAttached?.();
        }
      };
      queue.current = queue.current.then(run, run);
      return queue.current;
    },
    [attachOne, onAttached, show, t],
  );

  const dismiss = useCallback((key: number) => setRefused((list) => list.filter((r) => r.key !== key)), []);
  return { attach, pending, refused, dismiss };
}
