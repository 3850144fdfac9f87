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

/**
 * The nominal upstream rate of each link profile (DESIGN.md §3), bits per second: what the queue's
 * estimate divides by. L7 (isolation) moves nothing; L8 (sneakernet) has no link, only bundle files.
 */
export const LINK_UP_BITS_PER_SEC: Record<string, number | null> = { L0: 100_000_000, L2: 512_000, L3: 64_000, L6: 2_400, L7: 0, L8: null };
