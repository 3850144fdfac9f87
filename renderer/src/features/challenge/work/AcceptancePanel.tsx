import type { PanelProps } from '../types';

/** Placeholder until this panel lands. */
export function AcceptancePanel(_props: PanelProps) {
  return null;
}
