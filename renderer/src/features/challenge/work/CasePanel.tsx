import type { PanelProps } from '../types';

/** Placeholder until this panel lands. */
export function CasePanel(_props: PanelProps) {
  return null;
}
