import { create } from 'zustand';
import type { JiebangApi } from '../../main/contract/index';
import { getApi } from './bridge';

/** What the board list shows; the contract's boards.list items carry at least these fields. */
export interface BoardRow {
  id: string;
  title: string;
  status: string;
  challengeCount: number;
}

export interface LoadError {
  code: string;
  message: string;
}

export type BoardsStatus = 'idle' | 'loading' | 'ready' | 'error';

interface BoardsState {
  status: BoardsStatus;
  boards: BoardRow[];
  error: LoadError | null;
  load: () => Promise<void>;
}

export type BoardsApi = Pick<JiebangApi, 'boards'>;

const NO_BRIDGE: LoadError = {
  code: 'NO_BRIDGE',
  message: '未连接到揭榜主程序（window.jiebang 不可用），请在揭榜桌面应用中打开。',
};

function toRow(board: BoardRow): BoardRow {
  return { id: board.id, title: board.title, status: board.status, challengeCount: board.challengeCount };
}

/** A store per API so tests (and the browser bridge later) can pass their own. */
export function createBoardsStore(getApi: () => BoardsApi | undefined) {
  // Data changes can trigger overlapping loads: only the latest request may write the state.
  let latestRequest = 0;

  return create<BoardsState>()((set) => ({
    status: 'idle',
    boards: [],
    error: null,
    load: async () => {
      const request = ++latestRequest;
      const api = getApi();
      if (!api) {
        set({ status: 'error', error: NO_BRIDGE });
        return;
      }
      // Keep showing the current list while refreshing; only the first load shows a spinner.
      set((state) => (state.status === 'ready' ? state : { status: 'loading', error: null }));
      try {
        const result = await api.boards.list({});
        if (request !== latestRequest) return;
        if (result.ok) set({ status: 'ready', boards: result.value.map(toRow), error: null });
        else set({ status: 'error', error: { code: result.error.code, message: result.error.message } });
      } catch (error) {
        if (request !== latestRequest) return;
        set({ status: 'error', error: { code: 'IPC', message: `与主程序通信失败：${String(error)}` } });
      }
    },
  }));
}

export const useBoardsStore = createBoardsStore(getApi);
