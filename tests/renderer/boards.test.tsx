import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../main/contract/result';
import { BoardListView } from '../../renderer/src/App';
import type { BoardListViewProps } from '../../renderer/src/App';
import { createBoardsStore } from '../../renderer/src/boards-store';
import type { BoardRow, BoardsApi } from '../../renderer/src/boards-store';

const boards: BoardRow[] = [
  { id: 'b1', title: '3500米超深海管道攻关榜', status: 'published', challengeCount: 3 },
  { id: 'b2', title: '瓦托水电站大坝安全监测', status: 'draft', challengeCount: 9 },
];

type ListResult = Result<BoardRow[]>;

function fakeApi(list: () => Promise<ListResult>) {
  const api = { boards: { list: vi.fn(list) } };
  // Only boards.list is used by the store; the rest of the contract is irrelevant here.
  return api as typeof api & BoardsApi;
}

describe('boards store', () => {
  it('loads the list through window.jiebang.boards.list({})', async () => {
    const api = fakeApi(async () => ({ ok: true, value: boards }));
    const store = createBoardsStore(() => api);
    expect(store.getState().status).toBe('idle');
    const loading = store.getState().load();
    expect(store.getState().status).toBe('loading');
    await loading;
    expect(api.boards.list).toHaveBeenCalledWith({});
    expect(store.getState()).toMatchObject({ status: 'ready', boards, error: null });
  });

  it('shows a refused call as an error with its Chinese message', async () => {
    const store = createBoardsStore(() =>
      fakeApi(async () => ({ ok: false, error: { code: 'FORBIDDEN', message: '无权查看榜单', messageEn: 'Forbidden' } })),
    );
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'FORBIDDEN', message: '无权查看榜单' } });
  });

  it('says so when there is no bridge (page opened outside Electron)', async () => {
    const store = createBoardsStore(() => undefined);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'NO_BRIDGE' } });
  });

  it('turns a failed IPC call into an error state instead of an unhandled rejection', async () => {
    const store = createBoardsStore(() => fakeApi(() => Promise.reject(new Error('channel closed'))));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'IPC' } });
  });

  it('keeps the list on screen while refreshing, and ignores a stale answer', async () => {
    const answers: Array<(result: ListResult) => void> = [];
    const store = createBoardsStore(() => fakeApi(() => new Promise<ListResult>((resolve) => answers.push(resolve))));
    const first = store.getState().load();
    answers[0]?.({ ok: true, value: boards });
    await first;

    const slow = store.getState().load();
    expect(store.getState().status).toBe('ready');
    const fast = store.getState().load();
    answers[2]?.({ ok: true, value: [boards[0] as BoardRow] });
    await fast;
    answers[1]?.({ ok: true, value: [] });
    await slow;
    expect(store.getState().boards.map((board) => board.id)).toEqual(['b1']);
  });
});

describe('BoardListView (static render)', () => {
  const render = (props: Omit<BoardListViewProps, 'onRetry'>) =>
    renderToStaticMarkup(<BoardListView {...props} onRetry={() => undefined} />);

  it('shows a loading state', () => {
    expect(render({ status: 'loading', boards: [], error: null })).toContain('正在加载榜单');
  });

  it('shows an empty state', () => {
    expect(render({ status: 'ready', boards: [], error: null })).toContain('暂无榜单');
  });

  it('shows an error with a retry button', () => {
    const html = render({ status: 'error', boards: [], error: { code: 'INTERNAL', message: '内部错误' } });
    expect(html).toContain('榜单加载失败：内部错误');
    expect(html).toContain('重试');
    expect(html).toContain('role="alert"');
  });

  it('lists boards with their status and challenge count in Chinese', () => {
    const html = render({ status: 'ready', boards, error: null });
    expect(html).toContain('3500米超深海管道攻关榜');
    expect(html).toContain('已发榜');
    expect(html).toContain('草拟');
    expect(html).toContain('榜题 9 项');
  });
});
