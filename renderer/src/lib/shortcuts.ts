import { useEffect } from 'react';

/** Keys that act anywhere unless the person is typing. */
export interface ShortcutHandlers {
  search(): void;
  boards(): void;
  dashboard(): void;
  switchBoard(): void;
  newEntry(): void;
  help(): void;
}

export const NEW_ENTRY_EVENT = 'jiebang:new-entry';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return; // a dialog owns the keyboard
      const action: Record<string, (() => void) | undefined> = {
        '/': handlers.search,
        b: handlers.switchBoard,
        g: handlers.boards,
        d: handlers.dashboard,
        n: handlers.newEntry,
        '?': handlers.help,
      };
      const run = action[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers]);
}
