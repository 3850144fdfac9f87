import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'wouter';
import type { SyncStatusEvent } from '../../main/contract/result';
import { formattersFor } from './i18n/format';
import { useApi } from './lib/api';
import { routes } from './lib/routes';

export type SyncTone = 'ok' | 'pending' | 'offline' | 'local';

/** What the status line says; it never says synced while a change of ours is unconfirmed. */
export function describeSync(status: SyncStatusEvent | null, t: TFunction, language: string): { text: string; tone: SyncTone } {
  if (!status) return { text: t('sync.reading'), tone: 'local' };
  const parts = (head: string) => {
    const out = [head];
    if (status.pendingOps > 0) out.push(t('sync.pending', { count: status.pendingOps }));
    if (status.refused > 0) out.push(t('sync.refused', { count: status.refused }));
    return out.join(t('sync.separator'));
  };
  switch (status.link) {
    case 'local-only':
      // nothing is waiting for a hub here: the changes simply live on this machine
      return {
        text: status.pendingOps > 0 ? t('sync.localOnlyPending', { count: status.pendingOps }) : t('sync.localOnly'),
        tone: 'local',
      };
    case 'syncing':
      return { text: parts(t('sync.syncing')), tone: 'pending' };
    case 'offline':
      return { text: parts(t('sync.offline')), tone: 'offline' };
    case 'online': {
      if (status.pendingOps > 0) return { text: parts(t('sync.online')), tone: 'pending' };
      const head = status.lastSyncAt ? t('sync.syncedAt', { time: formattersFor(language).dateTime(status.lastSyncAt) }) : t('sync.synced');
      return { text: status.refused > 0 ? [head, t('sync.refused', { count: status.refused })].join(t('sync.separator')) : head, tone: 'ok' };
    }
  }
}

export function SyncStatusView({ status }: { status: SyncStatusEvent | null }) {
  const { t, i18n } = useTranslation();
  const { text, tone } = describeSync(status, t, i18n.language);
  return (
    <Link href={routes.sync} className={`sync-status sync-${tone}`} role="status" aria-live="polite">
      {text}
    </Link>
  );
}

/** Always visible: the honest sync state, fed by sync-status events. */
export function SyncStatusLine() {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatusEvent | null>(null);
  useEffect(() => {
    let live = true;
    void api.sync.status({}).then((r) => {
      if (live && r.ok) setStatus(r.value);
    });
    const off = api.on('sync-status', setStatus);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return <SyncStatusView status={status} />;
}
