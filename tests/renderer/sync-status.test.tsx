import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SyncStatusEvent } from '../../main/contract/result';
import { describeSync, SyncStatusView } from '../../renderer/src/SyncStatusLine';

const base: SyncStatusEvent = { link: 'online', pendingOps: 0, lastSyncAt: '2026-11-24T06:00:00Z', lastError: null, nextAttemptAt: null, refused: 0 };

describe('the sync status line', () => {
  it('never says synced while anything of ours is pending', () => {
    expect(describeSync(base)).toMatchObject({ tone: 'ok' });
    expect(describeSync(base).text).toMatch(/^已同步/);
    for (const link of ['online', 'offline', 'syncing'] as const) {
      const pending = describeSync({ ...base, link, pendingOps: 3 });
      expect(pending.text, link).not.toMatch(/已同步/);
      expect(pending.text, link).toContain('3 项更改待上传');
    }
    // without a hub nothing is waiting: the changes live on this machine
    expect(describeSync({ ...base, link: 'local-only', pendingOps: 3 }).text).toBe('仅本机（未注册到总部），3 项更改只保存在本机');
  });

  it('says when the hub is out of reach, when there is no hub, and what HQ refused', () => {
    expect(describeSync({ ...base, link: 'offline', lastError: 'ECONNRESET' })).toMatchObject({ tone: 'offline' });
    expect(describeSync({ ...base, link: 'local-only' }).text).toContain('仅本机');
    expect(describeSync({ ...base, refused: 2 }).text).toContain('2 项被总部退回');
    expect(describeSync(null).text).toContain('正在读取');
  });

  it('is announced politely to screen readers', () => {
    const html = renderToStaticMarkup(<SyncStatusView status={{ ...base, link: 'offline', pendingOps: 5 }} />);
    expect(html).toContain('role="status"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('sync-offline');
  });
});
