import { randomUUID } from 'node:crypto';
import type { ColumnKind, EntityName } from '../db/entities';
import { ENTITIES } from '../db/entities';
import { SCHEMA_VERSION } from '../db/migrations';
import type { Actor } from '../domain/authority';
import type { EntityTypes } from '../domain/entities';
import { JiebangError } from '../domain/errors';
import type { Machine } from '../domain/machines';
import { requireTransition } from '../domain/machines';
import { formatHlc, tick } from '../sync/hlc';
import type { Op } from '../sync/oplog';
import type { OpApplier } from '../sync/oplog';
import { applierFor } from '../sync/oplog';
import type { ReplicaState } from '../sync/replica';
import { loadReplica, saveReplica } from '../sync/replica';
import { toColumn } from '../sync/codec';
import type { ServiceContext } from './context';

export const newId = (): string => randomUUID();

type Fields<E extends EntityName> = Partial<Omit<EntityTypes[E], 'id'>>;

/**
 * The one write path. Every change to replicated data is a set of field ops applied through the
 * same applier sync uses, logged in the same transaction, together with the event (留痕).
 */
export class Change {
  readonly touched = new Set<EntityName>();
  readonly ops: Op[] = [];
  private readonly applier: OpApplier;
  private txStart: number | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    readonly actor: Actor,
    private readonly replica: ReplicaState,
  ) {
    this.applier = applierFor(ctx.db);
  }

  get replicaId(): string {
    return this.replica.id;
  }

  nowIso(): string {
    return this.ctx.now().toISOString();
  }

  private stamp(): string {
    this.replica.clock = tick(this.replica.clock, this.ctx.now().getTime());
    return formatHlc(this.replica.clock);
  }

  /** Sets fields of a row (creating it when new); undefined fields are left alone. */
  put<E extends EntityName>(entity: E, id: string, fields: Fields<E>, hlc = this.stamp()): string {
    const columns = ENTITIES[entity].columns as Record<string, ColumnKind>;
    const ops: Op[] = [];
    this.txStart ??= this.replica.nextSeq;
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const column = toColumn(field);
      if (!Object.hasOwn(columns, column)) throw new Error(`unknown field ${entity}.${field}`);
      ops.push({
        replicaId: this.replica.id,
        replicaSeq: this.replica.nextSeq++,
        hlc,
        entity,
        rowId: id,
        field: column,
        value: value ?? null,
        schemaVersion: SCHEMA_VERSION,
        tx: this.txStart,
      });
    }
    this.applier.apply(ops);
    this.ops.push(...ops);
    this.touched.add(entity);
    return hlc;
  }

  /** Records who did what (留痕). */
  event(action: string, entity: EntityName, entityId: string, challengeId: string | null, detail: Record<string, unknown> | null = null): void {
    const id = newId();
    const hlc = this.stamp();
    this.put('event', id, {
      entity,
      entityId,
      challengeId,
      action,
      actorId: this.actor.id,
      siteId: this.actor.siteId,
      replicaId: this.replica.id,
      at: this.nowIso(),
      hlc,
      detail,
    }, hlc);
  }

  /** Moves a row along its state machine, refusing illegal transitions; records the event. */
  transition<S extends string, A extends string>(
    machine: Machine<S, A>,
    entity: EntityName,
    row: { id: string; status: S },
    action: A,
    options: { to?: S; challengeId: string | null; extra?: Record<string, unknown>; detail?: Record<string, unknown> },
  ): S {
    const to = requireTransition(machine, row.status, action, options.to);
    this.put(entity, row.id, { status: to, ...(options.extra ?? {}) } as Fields<EntityName>);
    this.event(action, entity, row.id, options.challengeId, { from: row.status, to, ...(options.detail ?? {}) });
    row.status = to;
    return to;
  }
}

/**
 * Runs `fn` as ONE transaction: state, events and ops commit together or not at all. IMMEDIATE takes
 * the write lock up front: a deferred transaction that reads first would fail with SQLITE_BUSY if
 * another connection (the hub, the CLI) committed in between, and busy_timeout cannot help there.
 */
export function write<T>(ctx: ServiceContext, method: string, actor: Actor, fn: (change: Change) => T): T {
  let change: Change | undefined;
  const result = ctx.db.transaction(() => {
    const replica = loadReplica(ctx.db, ctx.now().getTime());
    change = new Change(ctx, actor, replica);
    const value = fn(change);
    if (change.ops.length === 0) throw new JiebangError('INTERNAL', '写操作没有产生任何变更', 'A write changed nothing');
    saveReplica(ctx.db, replica);
    return value;
  }).immediate();
  if (change && ctx.onChange) ctx.onChange({ method, entities: [...change.touched] });
  return result;
}
