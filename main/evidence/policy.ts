import type { Db } from '../db/open';
import type { TransferKind } from './queue';

/**
 * What may move on this site's link (DESIGN.md §3 profiles). On a satellite phone (L6, 2.4 kbit/s) a
 * 3 MB photo would take hours: only thumbnails go, originals wait for a better link — unless the
 * user pushes one (evidence.prioritize), which the runner sends whatever the link. A per-day byte
 * budget for metered links is still to come (issue 5, item 4).
 */
export function kindsForLink(profile: string | null): TransferKind[] {
  return profile === 'L6' ? ['thumb'] : ['thumb', 'original'];
}

/** The link profile of the site this device's person belongs to. */
export function currentLinkProfile(db: Db): string | null {
  return (db
    .prepare("SELECT s.link_profile FROM settings k JOIN people p ON p.id = k.value JOIN sites s ON s.id = p.site_id WHERE k.key = 'current_person_id'")
    .pluck()
    .get() as string | undefined) ?? null;
}
