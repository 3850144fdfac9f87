import type { PanelProps } from '../types';

/** Placeholder until this panel lands. */
export function MilestonesPanel(_props: PanelProps) {
  return null;
}
