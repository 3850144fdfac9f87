// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SyncStatusEvent } from '../../main/contract/result';
import { createI18n } from '../../renderer/src/i18n';
import { describeSync } from '../../renderer/src/SyncStatusLine';
import { openUiStore, renderApp } from '../support/ui';

const base: SyncStatusEvent = { link: 'online', pendingOps: 0, lastSyncAt: '2026-11-24T06:00:00Z', lastError: null, nextAttemptAt: null, refused: 0, conflicts: 0, transfer: null };
const zh = createI18n('zh-CN');
const en = createI18n('en');
const say = (s: SyncStatusEvent | null, i18n = zh) => describeSync(s, i18n.t, i18n.language);

describe('the sync status line', () => {
  it('never says synced while anything of ours is pending', () => {
    expect(say(base)).toMatchObject({ tone: 'ok' });
    expect(say(base).text).toMatch(/^已同步/);
    for (const link of ['online', 'offline', 'syncing'] as const) {
      for (const i18n of [zh, en]) {
        const pending = say({ ...base, link, pendingOps: 3 }, i18n);
        expect(pending.text, link).not.toMatch(/已同步|Synced/);
        expect(pending.tone, link).not.toBe('ok');
      }
      expect(say({ ...base, link, pendingOps: 3 }).text, link).toContain('3 项更改待上传');
      expect(say({ ...base, link, pendingOps: 3 }, en).text, link).toContain('3 changes to upload');
    }
    // without a hub nothing is waiting: the changes live on this machine
    expect(say({ ...base, link: 'local-only', pendingOps: 3 }).text).toBe('仅本机（未注册到总部），3 项更改只保存在本机');
  });

  it('says when the hub is out of reach, when there is no hub, and what HQ refused', () => {
    expect(say({ ...base, link: 'offline', lastError: 'ECONNRESET' })).toMatchObject({ tone: 'offline' });
    expect(say({ ...base, link: 'local-only' }).text).toContain('仅本机');
    expect(say({ ...base, refused: 2 }).text).toContain('2 项被总部退回');
    expect(say({ ...base, refused: 2 }, en).text).toContain('2 refused by HQ');
    expect(say(null).text).toContain('正在读取');
  });

  it('shows what a long sync has moved so far, and counts conflicts', () => {
    const syncing = say({ ...base, link: 'syncing', pendingOps: 40, transfer: { rounds: 2, pushed: 120, pulled: 35, bytesSent: 20_480, bytesReceived: 4_096 } });
    expect(syncing.text).toBe('正在同步（已上传 120 项，已接收 35 项，共 24 KB），40 项更改待上传');
    expect(say({ ...base, link: 'syncing', transfer: { rounds: 1, pushed: 3, pulled: 0, bytesSent: 900, bytesReceived: 200 } }, en).text).toBe('Syncing (3 sent, 0 received, 1.1 KB)');
    expect(say({ ...base, conflicts: 2 }).text).toMatch(/^已同步.*，2 项状态冲突$/);
    expect(say({ ...base, conflicts: 1, refused: 1 }, en).text).toMatch(/1 refused by HQ, 1 status conflicts$/);
  });

  it('shows the real store’s state in the shell, announced politely', async () => {
    const { api } = await openUiStore();
    renderApp(api);
    // the demo database is not enrolled with a hub: its changes live on this machine only
    const line = await screen.findByText(/仅本机/);
    // a link to the sync page inside a polite live region (a link with role="status" would lose its name)
    expect(line.tagName).toBe('A');
    const region = line.closest('[role="status"]');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(line.className).toContain('sync-local');
  });
});
