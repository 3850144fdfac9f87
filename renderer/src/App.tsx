import { useEffect } from 'react';
import { useBoardsStore } from './boards-store';
import { getApi } from './bridge';
import { SyncStatusLine } from './SyncStatusLine';
import type { BoardRow, BoardsStatus, LoadError } from './boards-store';

const BOARD_STATUS_LABELS: Readonly<Record<string, string>> = {
  draft: '草拟',
  published: '已发榜',
  closed: '已关闭',
};

function BoardItem({ board }: { board: BoardRow }) {
  return (
    <li className="board">
      <span className="board-title">{board.title}</span>
      <span className={`board-status board-status-${board.status}`}>
        {BOARD_STATUS_LABELS[board.status] ?? board.status}
      </span>
      <span className="board-count">榜题 {board.challengeCount} 项</span>
    </li>
  );
}

export interface BoardListViewProps {
  status: BoardsStatus;
  boards: BoardRow[];
  error: LoadError | null;
  onRetry: () => void;
}

/** Pure view of the list: loading, error, empty or the boards. */
export function BoardListView({ status, boards, error, onRetry }: BoardListViewProps) {
  if (status === 'idle' || status === 'loading') {
    return (
      <p className="state" role="status" aria-busy="true">
        正在加载榜单…
      </p>
    );
  }
  if (status === 'error') {
    return (
      <div className="state state-error" role="alert">
        <p>榜单加载失败：{error?.message ?? '未知错误'}</p>
        <button type="button" onClick={onRetry}>
          重试
        </button>
      </div>
    );
  }
  if (boards.length === 0) {
    return <p className="state">暂无榜单。总部发榜后会显示在这里。</p>;
  }
  return (
    <ul className="boards" aria-label="榜单列表">
      {boards.map((board) => (
        <BoardItem key={board.id} board={board} />
      ))}
    </ul>
  );
}

function BoardList() {
  const { status, boards, error, load } = useBoardsStore();
  return <BoardListView status={status} boards={boards} error={error} onRetry={() => void load()} />;
}

export function App() {
  const load = useBoardsStore((state) => state.load);

  useEffect(() => {
    void load();
    // Any write (local or synced in) may change the list: refetch, the list is small.
    const unsubscribe = getApi().on('data-changed', () => void load());
    return unsubscribe;
  }, [load]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          揭榜 <span className="app-name-en">Jiebang</span>
        </h1>
        <SyncStatusLine />
      </header>
      <main className="app-main">
        <h2>榜单</h2>
        <BoardList />
      </main>
    </div>
  );
}
