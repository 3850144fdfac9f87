import exifr from 'exifr';

/**
 * When and where a photo was taken, from its EXIF (exifr: reads only the metadata segments, no
 * decoding). EXIF times carry no zone unless the camera wrote OffsetTimeOriginal; without it the
 * time is read in the site's zone, which is where the camera's clock was set.
 */
export interface PhotoFacts {
  capturedAt: string | null;
  gpsLat: number | null;
  gpsLon: number | null;
}

const NONE: PhotoFacts = { capturedAt: null, gpsLat: null, gpsLon: null };

/** `2026:03:01 10:20:30` → `2026-03-01T10:20:30`, or null when it is no real time (cameras write zeros). */
export function exifWallTime(value: unknown): string | null {
  const m = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  const ms = Date.parse(`${wall}Z`);
  // Date.parse rolls 02-30 over to 03-02: the round trip catches impossible dates
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== wall || Number(y) < 1990) return null;
  return wall;
}

/** The zone's UTC offset in minutes at an instant, from the platform's time zone data. */
export function zoneOffsetMinutes(timeZone: string, atMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(atMs))
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const formatOffset = (minutes: number) => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/** A wall time in a zone as ISO 8601 with its offset, e.g. `2026-03-01T10:20:30+08:00`. */
export function wallTimeInZone(wall: string, offset: string | null, timeZone: string): string {
  if (offset && /^[+-]\d{2}:\d{2}$/.test(offset)) return `${wall}${offset}`;
  const asUtc = Date.parse(`${wall}Z`);
  let minutes = zoneOffsetMinutes(timeZone, asUtc);
  // near a daylight-saving change the first guess can be an hour off: ask again at the found instant
  minutes = zoneOffsetMinutes(timeZone, asUtc - minutes * 60_000);
  return `${wall}${formatOffset(minutes)}`;
}

export async function readPhotoFacts(file: string, timeZone: string): Promise<PhotoFacts> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(file, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate', 'OffsetTimeDigitized', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    return NONE; // no or unreadable metadata: the photo is still evidence
  }
  if (!tags) return NONE;
  const wall = exifWallTime(tags.DateTimeOriginal) ?? exifWallTime(tags.CreateDate);
  const offset = (tags.DateTimeOriginal ? tags.OffsetTimeOriginal : tags.OffsetTimeDigitized) as string | undefined;
  const lat = typeof tags.latitude === 'number' ? tags.latitude : null;
  const lon = typeof tags.longitude === 'number' ? tags.longitude : null;
  // 0,0 is what a camera without a fix writes, not a place in the Gulf of Guinea
  const gps = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
  return {
    capturedAt: wall ? wallTimeInZone(wall, offset ?? null, timeZone) : null,
    gpsLat: gps ? Math.round(lat * 1e6) / 1e6 : null,
    gpsLon: gps ? Math.round(lon * 1e6) / 1e6 : null,
  };
}
