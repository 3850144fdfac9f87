import type { JiebangApi } from '../../main/contract/index';

declare global {
  interface Window {
    /** Set by the preload in Electron; absent when the page is opened anywhere else. */
    readonly jiebang?: JiebangApi;
  }
}

export {};
