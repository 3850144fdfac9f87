import type { JiebangApi } from '../../main/contract/index';
import type { JiebangFiles } from '../../main/contract/result';

declare global {
  interface Window {
    /** Set by the preload in Electron; absent when the page is opened anywhere else. */
    readonly jiebang?: JiebangApi;
    /** Set by the preload in Electron beside window.jiebang: a picked or dropped File for a one-time grant. */
    readonly jiebangFiles?: JiebangFiles;
  }
}

export {};
