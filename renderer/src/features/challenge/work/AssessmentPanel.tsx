import type { PanelProps } from '../types';

/** Placeholder until this panel lands. */
export function AssessmentPanel(_props: PanelProps) {
  return null;
}
