import type { ColumnKind, EntityName } from '../db/entities';
import { ENTITIES } from '../db/entities';

/** Converts between domain field names/values (camelCase, JS values) and columns (snake_case, SQLite values). */
export const toColumn = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toField = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export type SqlValue = string | number | null;

export function encodeValue(kind: ColumnKind, value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'json':
      return JSON.stringify(value);
    case 'bool':
      return value ? 1 : 0;
    case 'int':
    case 'real':
      return typeof value === 'number' ? value : Number(value);
    case 'text':
      return String(value);
  }
}

export function decodeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'json':
      return JSON.parse(value as string);
    case 'bool':
      return value === 1 || value === true;
    default:
      return value;
  }
}

/** A database row → the entity as the domain sees it. */
export function decodeRow<T>(entity: EntityName, row: Record<string, unknown>): T {
  const columns = ENTITIES[entity].columns as Record<string, ColumnKind>;
  const out: Record<string, unknown> = { id: row.id };
  for (const [column, kind] of Object.entries(columns)) out[toField(column)] = decodeValue(kind, row[column]);
  return out as T;
}
