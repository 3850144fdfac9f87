import { useTranslation } from 'react-i18next';

/** Dates and numbers in the reader's language: 2026年11月24日 or Nov 24, 2026. */
export interface Formatters {
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  number(value: number): string;
  percent(value: number): string;
  bytes(value: number): string;
}

const cache = new Map<string, Formatters>();

function toDate(value: string | Date): Date | null {
  // a bare day (YYYY-MM-DD) is a calendar day, not midnight UTC shifted into the reader's zone
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formattersFor(language: string): Formatters {
  const cached = cache.get(language);
  if (cached) return cached;
  const day = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric' });
  const moment = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const num = new Intl.NumberFormat(language);
  const pct = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const units = ['B', 'KB', 'MB', 'GB'];
  const f: Formatters = {
    date: (v) => (v ? (toDate(v) ? day.format(toDate(v) as Date) : String(v)) : '—'),
    dateTime: (v) => (v ? (toDate(v) ? moment.format(toDate(v) as Date) : String(v)) : '—'),
    number: (v) => num.format(v),
    percent: (v) => pct.format(v / 100),
    bytes: (v) => {
      let n = v;
      let u = 0;
      while (n >= 1024 && u < units.length - 1) {
        n /= 1024;
        u++;
      }
      return `${new Intl.NumberFormat(language, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(n)} ${units[u]}`;
    },
  };
  cache.set(language, f);
  return f;
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(i18n.language);
}
