import { z } from 'zod';
import { ENTITIES, isEntityName } from '../db/entities';
import type { ColumnKind } from '../db/entities';
import { isHlc } from './hlc';

/**
 * The sync protocol (DESIGN.md §3): ONE request per round. The device sends its unacknowledged ops
 * and its pull cursor; the hub applies what it has not seen, exactly once, and answers with the ops
 * the device lacks, the new cursor, the acknowledged watermark and its own clock.
 */
export const PROTOCOL_VERSION = 1;
/** No request or response body over this, compressed. */
export const MAX_BODY_BYTES = 1_000_000;
/** Decompressed bodies are capped too: a small zip bomb must not become a big allocation. */
export const MAX_DECODED_BYTES = 8_000_000;
/** Stamps further ahead of the hub's clock than this are refused as absurd. */
export const MAX_CLOCK_AHEAD_MS = 7 * 86_400_000;

/**
 * A pushed op: the pusher's replica id is implicit.
 * [seq, hlc, entity, rowId, field, value, schemaVersion, tx] — tx (optional) is the seq of the first
 * op of the same local write.
 */
const wireOpFields = [
  z.number().int().min(1),
  z.string().refine(isHlc, 'not a clock stamp'),
  z.string().refine(isEntityName, 'unknown entity'),
  z.string().min(1).max(64),
  z.string().min(1).max(64),
  z.unknown(),
  z.number().int().min(1),
] as const;
export const wireOpSchema = z.union([z.tuple(wireOpFields), z.tuple([...wireOpFields, z.number().int().min(1).nullable()])]);
export type WireOp = z.infer<typeof wireOpSchema>;

/** A pulled op carries its replica id first (and no write group: only the hub needs those). */
export type PulledWireOp = [string, number, string, string, string, string, unknown, number];

export const syncRequestSchema = z
  .object({
    v: z.literal(PROTOCOL_VERSION),
    replicaId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    schemaVersion: z.number().int().min(1),
    cursor: z.number().int().min(0),
    ops: z.array(wireOpSchema).max(20_000),
    /** how many bytes (uncompressed JSON) of pulled ops the device wants at most */
    pullBudget: z.number().int().min(1_000).max(4_000_000).default(256_000),
  })
  .strict();
export type SyncRequest = z.input<typeof syncRequestSchema>;

/** An op of the device's that the hub refused under its authority rules, with the reason. */
export interface Refusal {
  seq: number;
  entity: string;
  rowId: string;
  field: string;
  code: string;
  reason: string;
  reasonEn: string;
}

export interface SyncResponse {
  v: typeof PROTOCOL_VERSION;
  /** every op of this replica up to here is stored at the hub (applied, or refused and listed) */
  acked: number;
  /** refusals among the ops this request carried (a re-sent batch gets them again) */
  refused: Refusal[];
  ops: PulledWireOp[];
  cursor: number;
  /** more ops are waiting beyond this batch */
  more: boolean;
  hubTime: number;
}

export const enrolRequestSchema = z
  .object({ code: z.string().trim().min(6).max(64), replicaId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })
  .strict();

export interface EnrolResponse {
  deviceId: string;
  token: string;
  personId: string;
  siteId: string;
}

/** Whether a value fits the column it is written to (the hub never stores a mistyped field). */
export function valueFitsColumn(entity: string, field: string, value: unknown): boolean {
  if (!isEntityName(entity)) return false;
  const columns = ENTITIES[entity].columns as Record<string, ColumnKind>;
  if (!Object.hasOwn(columns, field)) return false;
  if (value === null) return true;
  switch (columns[field]) {
    case 'text':
      return typeof value === 'string' && value.length <= 100_000;
    case 'int':
      return Number.isSafeInteger(value);
    case 'real':
      return typeof value === 'number' && Number.isFinite(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'json':
      return typeof value === 'object' && JSON.stringify(value).length <= 200_000;
    default:
      return false;
  }
}
