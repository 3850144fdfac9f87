import type { PanelProps } from '../types';

/** Placeholder until this panel lands. */
export function ProgressPanel(_props: PanelProps) {
  return null;
}
