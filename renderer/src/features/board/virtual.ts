import { observeElementRect } from '@tanstack/react-virtual';
import type { Rect, Virtualizer } from '@tanstack/react-virtual';

/** The height assumed while a list has no layout yet (a hidden tab, a test's DOM without layout). */
export const FALLBACK_VIEWPORT = 900;

/**
 * The virtualiser's size observer, except that a scroll box measured at zero height is taken to be
 * FALLBACK_VIEWPORT tall: without layout every row would otherwise stay unrendered.
 */
export function observeRectWithFallback<T extends Element>(instance: Virtualizer<T, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_VIEWPORT }));
}
