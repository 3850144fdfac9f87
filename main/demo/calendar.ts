/**
 * The demo's calendar. History is written in days relative to "now" (day -1 is yesterday), so a
 * seed made on any date has the same shape: some milestones overdue, some due within the week.
 * Site clocks run on Beijing time (UTC+8, no daylight saving).
 */
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The National Day holiday the dam story is anchored to: past (delivered over it) or still ahead. */
export interface NationalDay {
  day: number;
  past: boolean;
}

export class DemoCalendar {
  /** midnight UTC of today's date */
  private readonly today: number;
  readonly nationalDay: NationalDay;

  constructor(now: Date) {
    this.today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    this.nationalDay = this.findNationalDay(now.getUTCFullYear());
  }

  /**
   * The 1 October whose holiday lies inside the dam story (between its start, ~8 months ago, and
   * two weeks ago); otherwise the next one, and the story plans the sprint instead of reporting it.
   */
  private findNationalDay(year: number): NationalDay {
    for (const y of [year, year - 1]) {
      const day = this.dayOf(Date.UTC(y, 9, 1));
      if (day >= -235 && day <= -12) return { day, past: true };
    }
    const thisYear = this.dayOf(Date.UTC(year, 9, 1));
    return { day: thisYear > -12 ? thisYear : this.dayOf(Date.UTC(year + 1, 9, 1)), past: false };
  }

  private dayOf(utcMidnight: number): number {
    return Math.round((utcMidnight - this.today) / DAY_MS);
  }

  /** A day expression: `-30`, `+75`, `nd` (National Day), `nd+6`. */
  day(expr: string | number): number {
    if (typeof expr === 'number') return expr;
    const m = /^(nd)?([+-]?\d+)?$/.exec(expr.trim());
    if (!m || (!m[1] && !m[2])) throw new Error(`demo: not a day expression: ${expr}`);
    return (m[1] ? this.nationalDay.day : 0) + (m[2] ? Number(m[2]) : 0);
  }

  /** The instant of Beijing local time `hhmm` on `day`. */
  instant(day: number, minutesOfDay: number): Date {
    return new Date(this.today + day * DAY_MS + minutesOfDay * 60_000 - BEIJING_OFFSET_MS);
  }

  private parts(day: number): { y: number; m: number; d: number } {
    const date = new Date(this.today + day * DAY_MS);
    return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
  }

  iso(day: number): string {
    return new Date(this.today + day * DAY_MS).toISOString().slice(0, 10);
  }

  /** 2026年3月1日 */
  zh(day: number): string {
    const { y, m, d } = this.parts(day);
    return `${y}年${m}月${d}日`;
  }

  year(day: number): number {
    return this.parts(day).y;
  }
}
