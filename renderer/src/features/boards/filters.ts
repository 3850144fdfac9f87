import type { Card, ColumnId } from '../board/columns';
import { COLUMN_IDS, columnOf } from '../board/columns';

type Category = Card['category'];

// a record, so a category added to the domain and not here fails to compile
const CATEGORY_SET: Record<Category, true> = { tech_breakthrough: true, process: true, market: true, green: true, safety: true, urgent: true };
export const CATEGORY_CODES = Object.keys(CATEGORY_SET) as Category[];

/** The home page's filters; an empty string means "any". */
export interface Filters {
  category: '' | Category;
  siteId: string;
  column: '' | ColumnId;
  overdue: boolean;
  /** challenges the current person leads, claimed, or is a party to the 军令状 of */
  mine: boolean;
}

export const EMPTY_FILTERS: Filters = { category: '', siteId: '', column: '', overdue: false, mine: false };
const STORAGE_KEY = 'jiebang.home.filters';

export function filterActive(f: Filters): boolean {
  return !!(f.category || f.siteId || f.column || f.overdue || f.mine);
}

/** Whether a challenge passes every active filter; `mine` is the set of "my" challenge ids (null while loading). */
export function matchesFilters(card: Card, f: Filters, mine: ReadonlySet<string> | null): boolean {
  if (f.category && card.category !== f.category) return false;
  if (f.siteId && card.siteId !== f.siteId) return false;
  if (f.column && columnOf(card) !== f.column) return false;
  if (f.overdue && !card.overdue) return false;
  if (f.mine && !mine?.has(card.id)) return false;
  return true;
}

/** The filters of this session (kept while the person opens a board and comes back). */
export function readFilters(): Filters {
  try {
    const raw: unknown = JSON.parse(globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (!raw || typeof raw !== 'object') return EMPTY_FILTERS;
    const r = raw as Record<string, unknown>;
    return {
      category: typeof r.category === 'string' && (CATEGORY_CODES as string[]).includes(r.category) ? (r.category as Category) : '',
      siteId: typeof r.siteId === 'string' ? r.siteId.slice(0, 100) : '',
      column: typeof r.column === 'string' && (COLUMN_IDS as readonly string[]).includes(r.column) ? (r.column as ColumnId) : '',
      overdue: r.overdue === true,
      mine: r.mine === true,
    };
  } catch {
    return EMPTY_FILTERS; // unreadable: start unfiltered
  }
}

export function rememberFilters(f: Filters): void {
  try {
    globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(f));
  } catch {
    // not remembered; the filters still apply now
  }
}
