import { useEffect, useState } from 'react';
import type { SyncStatusEvent } from '../../main/contract/result';
import { getApi } from './bridge';

/** What the status line says; it never says 同步完成 (synced) while a change of ours is unconfirmed. */
export function describeSync(status: SyncStatusEvent | null): { text: string; tone: 'ok' | 'pending' | 'offline' | 'local' } {
  if (!status) return { text: '正在读取同步状态…', tone: 'local' };
  const pending = status.pendingOps > 0 ? `，${status.pendingOps} 项更改待上传` : '';
  const refused = status.refused > 0 ? `，${status.refused} 项被总部退回` : '';
  switch (status.link) {
    case 'local-only':
      // nothing is waiting for a hub here: the changes simply live on this machine
      return { text: `仅本机（未注册到总部）${status.pendingOps > 0 ? `，${status.pendingOps} 项更改只保存在本机` : ''}`, tone: 'local' };
    case 'syncing':
      return { text: `正在同步${pending}${refused}`, tone: 'pending' };
    case 'offline':
      return { text: `未连接总部，稍后自动重试${pending}${refused}`, tone: 'offline' };
    case 'online':
      return status.pendingOps > 0
        ? { text: `已连接总部${pending}${refused}`, tone: 'pending' }
        : { text: `已同步${status.lastSyncAt ? `（${new Date(status.lastSyncAt).toLocaleString('zh-CN')}）` : ''}${refused}`, tone: 'ok' };
  }
}

export function SyncStatusView({ status }: { status: SyncStatusEvent | null }) {
  const { text, tone } = describeSync(status);
  return (
    <p className={`sync-status sync-${tone}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** Always visible: the honest sync state, fed by sync-status events. */
export function SyncStatusLine() {
  const [status, setStatus] = useState<SyncStatusEvent | null>(null);
  useEffect(() => {
    const api = getApi();
    void api.sync.status({}).then((r) => {
      if (r.ok) setStatus(r.value);
    });
    return api.on('sync-status', setStatus);
  }, []);
  return <SyncStatusView status={status} />;
}
