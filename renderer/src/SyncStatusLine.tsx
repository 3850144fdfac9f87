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
    if (status.conflicts > 0) out.push(t('sync.conflicts', { count: status.conflicts }));
    return out.join(t('sync.separator'));
  };
  switch (status.link) {
    case 'local-only':
      // nothing is waiting for a hub here: the changes simply live on this machine
      return {
        text: status.pendingOps > 0 ? t('sync.localOnlyPending', { count: status.pendingOps }) : t('sync.localOnly'),
        tone: 'local',
      };
    case 'syncing': {
      const moved = status.transfer && (status.transfer.pushed > 0 || status.transfer.pulled > 0)
        ? t('sync.syncingWith', {
            detail: t('sync.transfer', {
              pushed: status.transfer.pushed,
              pulled: status.transfer.pulled,
              bytes: formattersFor(language).bytes(status.transfer.bytesSent + status.transfer.bytesReceived),
            }),
          })
        : t('sync.syncing');
      return { text: parts(moved), tone: 'pending' };
    }
    case 'offline':
      return { text: parts(t('sync.offline')), tone: 'offline' };
    case 'online': {
      if (status.pendingOps > 0) return { text: parts(t('sync.online')), tone: 'pending' };
      const head = status.lastSyncAt ? t('sync.syncedAt', { time: formattersFor(language).dateTime(status.lastSyncAt) }) : t('sync.synced');
      const notes = [
        ...(status.refused > 0 ? [t('sync.refused', { count: status.refused })] : []),
        ...(status.conflicts > 0 ? [t('sync.conflicts', { count: status.conflicts })] : []),
      ];
      return { text: [head, ...notes].join(t('sync.separator')), tone: 'ok' };
    }
  }
}

export function SyncStatusView({ status }: { status: SyncStatusEvent | null }) {
  const { t, i18n } = useTranslation();
  const { text, tone } = describeSync(status, t, i18n.language);
  // the live region wraps the link: a link given role="status" loses its name and its link role
  return (
    <span className="sync-status-live" role="status" aria-live="polite">
      <Link href={routes.sync} className={`sync-status sync-${tone}`}>
        {text}
      </Link>
    </span>
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
