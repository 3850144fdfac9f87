import { useEffect, useRef } from 'react';

/**
 * While there are unsaved changes: closing or reloading the window asks first (beforeunload), and a
 * click on any link inside the app is held and handed to `onAttempt` with its address, so the view
 * can ask before leaving. Links inside an element marked `data-leave-free` are let through.
 */
export function useLeaveGuard(active: boolean, onAttempt: (to: string) => void): void {
  const attempt = useRef(onAttempt);
  useEffect(() => {
    attempt.current = onAttempt;
  });
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const target = e.target instanceof Element ? e.target : null;
      const link = target?.closest('a[href]');
      if (!link || link.closest('[data-leave-free]')) return;
      const href = link.getAttribute('href') ?? '';
      const to = href.startsWith('#') ? href.slice(1) : href;
      if (!to.startsWith('/')) return;
      // held before the router sees it (capture on the document runs before React's own listeners)
      e.preventDefault();
      e.stopPropagation();
      attempt.current(to);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [active]);
}
