/**
 * A row's status as the fold of its transition events (留痕) in clock order, so replicas that made
 * transitions concurrently agree on one result. The first event starts from the status the row was
 * created with; each event applies only if it starts from where the fold stands. One that does not
 * (a site started work offline while HQ terminated the challenge) changes nothing and is reported as
 * a conflict for people to see and settle — never silently overwritten by whichever clock was later.
 */
export interface TransitionEvent {
  id: string;
  hlc: string;
  action: string;
  from: string;
  to: string;
}

export interface StatusConflict {
  event: TransitionEvent;
  /** the status the row had when this event, in clock order, came to apply */
  found: string;
}

export interface FoldResult {
  /** null when the row has no transition events: its created status stands */
  status: string | null;
  conflicts: StatusConflict[];
}

export function foldStatus(events: readonly TransitionEvent[]): FoldResult {
  const ordered = [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = ordered[0];
  if (!first) return { status: null, conflicts: [] };
  let status = first.from;
  const conflicts: StatusConflict[] = [];
  for (const event of ordered) {
    if (event.from === status) status = event.to;
    else conflicts.push({ event, found: status });
  }
  return { status, conflicts };
}
