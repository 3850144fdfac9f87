import fs from 'node:fs';
import type { ParsedInput } from '../contract';
import type { Actor } from '../domain/authority';
import { authorize, isHq } from '../domain/authority';
import type { Attachment, AttachmentOwner } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import type { ServiceContext } from '../services/context';
import { requireActor } from '../services/context';
import { find, load } from '../services/read';
import { newId, write } from '../services/write';
import { decodeRow } from '../sync/codec';
import type { BlobStore, StagedBlob } from './blobs';
import { TooLargeError } from './blobs';
import { blobStoreFor, maxEvidenceBytes } from './config';
import { readPhotoFacts } from './exif';
import type { GrantedFile } from './grants';
import { cleanName, fileGrants } from './grants';
import type { Transfer, TransferKind } from './queue';
import { PRIORITY, cancelUnreferenced, enqueue, getTransfer, listTransfers, originalPriority, prioritize, queueTotals } from './queue';
import { sniff } from './sniff';
import { makePreview, makeThumbnail } from './thumbnail';
import { LINK_UP_BITS_PER_SEC, currentLinkProfile, kindsForLink } from './policy';
import { getPeer } from '../sync/client';

/**
 * Evidence 佐证材料 as the contract offers it: attach a file the user handed over (a one-time grant,
 * see grants.ts — never a path from the renderer) to a progress entry, a milestone (its deliverable)
 * or an acceptance request; list, remove, and see what still has to reach HQ.
 * The file is checked and stored before the database is touched; the attachment row, its 留痕 and its
 * transfer-queue rows are then written in ONE transaction through the one write path, so the row
 * syncs as ops like everything else, and a failure leaves neither a row without a file nor a new file
 * without a row.
 */

interface OwnerFacts {
  challengeId: string;
  siteId: string | null;
}

/** The owner must exist, be the actor's to add to, and still accept evidence. */
function checkOwner(ctx: ServiceContext, actor: Actor, ownerEntity: AttachmentOwner, ownerId: string, action: 'add' | 'remove'): OwnerFacts {
  const challengeId =
    ownerEntity === 'progress' ? load(ctx, 'progress', ownerId).challengeId
      : ownerEntity === 'milestone' ? load(ctx, 'milestone', ownerId).challengeId
        : load(ctx, 'acceptance', ownerId).challengeId;
  const challenge = load(ctx, 'challenge', challengeId);
  authorize(actor, 'attachment.add', { siteId: challenge.siteId });
  if (ownerEntity === 'milestone' && load(ctx, 'milestone', ownerId).status === 'verified') {
    throw ruleError(
      action === 'add' ? '节点已核验，不能再补充佐证材料' : '节点已核验，其佐证材料不能移除',
      action === 'add' ? 'The milestone is verified; no more evidence can be added' : 'The milestone is verified; its evidence cannot be removed',
    );
  }
  if (ownerEntity === 'acceptance' && load(ctx, 'acceptance', ownerId).decision !== null) {
    throw ruleError(
      action === 'add' ? '验收已有结论，不能再补充佐证材料' : '验收已有结论，其佐证材料不能移除',
      action === 'add' ? 'The acceptance is decided; no more evidence can be added' : 'The acceptance is decided; its evidence cannot be removed',
    );
  }
  return { challengeId, siteId: challenge.siteId };
}

function siteTimeZone(ctx: ServiceContext, siteId: string): string {
  return (ctx.db.prepare('SELECT time_zone FROM sites WHERE id = ?').pluck().get(siteId) as string | undefined) ?? 'Asia/Shanghai';
}

function isReferenced(ctx: ServiceContext, sha256: string): boolean {
  return ctx.db.prepare('SELECT 1 FROM attachments WHERE sha256 = ? OR thumb_sha256 = ? LIMIT 1').get(sha256, sha256) !== undefined;
}

export interface AttachmentView extends Attachment {
  /** whether this device holds the bytes */
  local: { original: boolean; thumb: boolean };
  /** the original's transfer on this device, if any */
  transfer: Pick<Transfer, 'direction' | 'state' | 'offset' | 'size' | 'lastError'> | null;
}

function view(ctx: ServiceContext, store: BlobStore, a: Attachment): AttachmentView {
  const t = getTransfer(ctx.db, a.sha256, 'up') ?? getTransfer(ctx.db, a.sha256, 'down');
  return {
    ...a,
    local: { original: store.has(a.sha256), thumb: a.thumbSha256 ? store.has(a.thumbSha256) : false },
    transfer: t ? { direction: t.direction, state: t.state, offset: t.offset, size: t.size, lastError: t.lastError } : null,
  };
}

export async function evidenceAttach(ctx: ServiceContext, input: ParsedInput<'evidence.attach'>): Promise<AttachmentView> {
  // the token is spent whatever happens next: a refused attach needs the file handed over again
  const grants = ctx.evidence?.grants ?? fileGrants;
  const granted = grants.redeem(input.token);
  try {
    return await attachGranted(ctx, input, granted);
  } finally {
    grants.release(granted);
  }
}

async function attachGranted(ctx: ServiceContext, input: ParsedInput<'evidence.attach'>, granted: GrantedFile): Promise<AttachmentView> {
  const actor = requireActor(ctx);
  checkOwner(ctx, actor, input.ownerEntity, input.ownerId, 'add');
  const store = blobStoreFor(ctx.db, ctx.evidence);
  const maxBytes = maxEvidenceBytes(ctx.db, ctx.evidence);
  const name = cleanName(input.name ?? granted.name);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(granted.path);
  } catch {
    throw new JiebangError('NOT_FOUND', `找不到文件：${name}`, `File not found: ${name}`, { reason: 'missing' });
  }
  if (!stat.isFile()) throw new JiebangError('VALIDATION', '只能附加普通文件（不能是文件夹或设备）', 'Only regular files can be attached (not folders or devices)', { reason: 'not_a_file' });
  if (stat.size === 0) throw new JiebangError('VALIDATION', '文件是空的', 'The file is empty', { reason: 'empty' });
  if (stat.size > maxBytes) throw new TooLargeError(stat.size, maxBytes);

  const staged: StagedBlob = await store.stage(granted.path, maxBytes);
  let facts: Awaited<ReturnType<typeof readPhotoFacts>> = { capturedAt: null, gpsLat: null, gpsLon: null };
  let thumb: Awaited<ReturnType<typeof makeThumbnail>> = null;
  let mime: string;
  try {
    // everything is judged on the staged copy: the bytes that will be kept
    const sniffed = await sniff(staged.tmp, name);
    mime = sniffed.mime;
    if (sniffed.kind === 'image') {
      facts = await readPhotoFacts(staged.tmp, siteTimeZone(ctx, actor.siteId));
      thumb = await makeThumbnail(staged.tmp, mime);
    }
  } catch (err) {
    store.abandon(staged);
    throw err;
  }

  // the same file on the same owner again is the same evidence: answer with the one already there
  const same = ctx.db
    .prepare('SELECT * FROM attachments WHERE owner_entity = ? AND owner_id = ? AND sha256 = ? AND removed_at IS NULL')
    .get(input.ownerEntity, input.ownerId, staged.sha256) as Record<string, unknown> | undefined;
  if (same) {
    store.abandon(staged);
    return view(ctx, store, decodeRow<Attachment>('attachment', same));
  }

  const original = store.commit(staged.tmp, staged.sha256, staged.size);
  const thumbBlob = thumb ? store.putBuffer(thumb.data) : null;
  const id = newId();
  try {
    write(ctx, 'evidence.attach', actor, (w) => {
      // the owner may have moved on while the file was being read: check again inside the transaction
      const owner = checkOwner(ctx, actor, input.ownerEntity, input.ownerId, 'add');
      const fields: Partial<Attachment> = {
        sha256: original.sha256, name, mime, size: original.size, capturedAt: facts.capturedAt, authorId: actor.id,
        gpsLat: facts.gpsLat, gpsLon: facts.gpsLon, ownerEntity: input.ownerEntity, ownerId: input.ownerId, createdAt: w.nowIso(),
        challengeId: owner.challengeId, siteId: actor.siteId, thumbSha256: thumbBlob?.sha256 ?? null, thumbSize: thumbBlob?.size ?? null,
        width: thumb?.width ?? null, height: thumb?.height ?? null,
      };
      // a new row's columns start empty: empty fields cost no ops on a thin link
      w.put('attachment', id, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)));
      w.event('attachment.add', 'attachment', id, owner.challengeId, { name, sha256: original.sha256, size: original.size, ownerEntity: input.ownerEntity, ownerId: input.ownerId });
      const now = w.nowIso();
      if (thumbBlob) enqueue(ctx.db, { sha256: thumbBlob.sha256, direction: 'up', kind: 'thumb', size: thumbBlob.size, priority: PRIORITY.thumb, now });
      enqueue(ctx.db, { sha256: original.sha256, direction: 'up', kind: 'original', size: original.size, priority: originalPriority(input.ownerEntity), now });
    });
  } catch (err) {
    // nothing refers to blobs this call brought in: take them out again
    if (original.created && !isReferenced(ctx, original.sha256)) store.discard(original.sha256);
    if (thumbBlob?.created && !isReferenced(ctx, thumbBlob.sha256)) store.discard(thumbBlob.sha256);
    throw err;
  }
  return view(ctx, store, load(ctx, 'attachment', id));
}

export function evidenceList(ctx: ServiceContext, input: ParsedInput<'evidence.list'>): AttachmentView[] {
  const store = blobStoreFor(ctx.db, ctx.evidence);
  const removed = input.includeRemoved ? '' : 'AND removed_at IS NULL';
  const rows = input.challengeId
    ? ctx.db.prepare(`SELECT * FROM attachments WHERE challenge_id = ? ${removed} ORDER BY created_at, id`).all(input.challengeId)
    : ctx.db.prepare(`SELECT * FROM attachments WHERE owner_entity = ? AND owner_id = ? ${removed} ORDER BY created_at, id`).all(input.ownerEntity, input.ownerId);
  return (rows as Record<string, unknown>[]).map((r) => view(ctx, store, decodeRow<Attachment>('attachment', r)));
}

/** Takes evidence off its owner. The row stays (留痕); an upload nobody needs any more stops. */
export function evidenceRemove(ctx: ServiceContext, input: ParsedInput<'evidence.remove'>): AttachmentView {
  const actor = requireActor(ctx);
  const store = blobStoreFor(ctx.db, ctx.evidence);
  const attachment = load(ctx, 'attachment', input.id);
  if (attachment.removedAt) return view(ctx, store, attachment);
  if (attachment.authorId !== actor.id && !isHq(actor)) {
    throw new JiebangError('FORBIDDEN', '只能移除本人上传的佐证材料', 'Only the author (or HQ) may remove a piece of evidence');
  }
  write(ctx, 'evidence.remove', actor, (w) => {
    checkOwner(ctx, actor, attachment.ownerEntity, attachment.ownerId, 'remove');
    w.put('attachment', attachment.id, { removedAt: w.nowIso(), removedBy: actor.id });
    w.event('attachment.remove', 'attachment', attachment.id, attachment.challengeId, { name: attachment.name, reason: input.reason ?? null });
    cancelUnreferenced(ctx.db, w.nowIso());
  });
  return view(ctx, store, load(ctx, 'attachment', input.id));
}

/**
 * The current link and what the queue costs on it: bytes this link may move now (thumbnails, and
 * originals unless the link keeps them back, plus any the user pushed), bytes waiting for a better
 * link, and the time the moving bytes take at the profile's nominal upstream rate.
 */
function linkEstimate(ctx: ServiceContext) {
  const profile = currentLinkProfile(ctx.db);
  const kinds = kindsForLink(profile);
  const rows = ctx.db
    .prepare("SELECT kind, priority, size - offset AS remaining FROM evidence_transfers WHERE direction = 'up' AND state IN ('queued', 'active')")
    .all() as { kind: TransferKind; priority: number; remaining: number }[];
  let movingBytes = 0;
  let waitingBytes = 0;
  for (const r of rows) {
    if (kinds.includes(r.kind) || r.priority <= PRIORITY.now) movingBytes += r.remaining;
    else waitingBytes += r.remaining;
  }
  const upBitsPerSec = profile ? (LINK_UP_BITS_PER_SEC[profile] ?? null) : null;
  return {
    /** the device's site link profile (L0…L8), null before setup */
    profile,
    /** whether this device sends to a hub at all (not enrolled: everything waits) */
    enrolled: getPeer(ctx.db) !== null,
    originalsMove: kinds.includes('original'),
    upBitsPerSec,
    movingBytes,
    waitingBytes,
    /** seconds for the moving bytes at the nominal rate; null when the link moves nothing (L7, L8) or is unknown */
    estimatedSeconds: upBitsPerSec ? Math.ceil((movingBytes * 8) / upBitsPerSec) : null,
  };
}

/** What still has to move: per file, and the totals the status line shows, with the estimate on the current link. */
export function evidenceQueue(ctx: ServiceContext, input: ParsedInput<'evidence.queue'>) {
  const transfers = listTransfers(ctx.db, { includeDone: input.includeDone });
  const names = ctx.db.prepare('SELECT name FROM attachments WHERE sha256 = ? OR thumb_sha256 = ? ORDER BY created_at LIMIT 1').pluck();
  const ids = ctx.db.prepare('SELECT id FROM attachments WHERE (sha256 = ? OR thumb_sha256 = ?) AND removed_at IS NULL ORDER BY created_at LIMIT 1').pluck();
  return {
    totals: queueTotals(ctx.db, 'up'),
    downloads: queueTotals(ctx.db, 'down'),
    link: linkEstimate(ctx),
    transfers: transfers.map((t) => ({
      ...t,
      name: (names.get(t.sha256, t.sha256) as string | undefined) ?? null,
      /** an attachment this blob belongs to (for "send now"), null when all of them were removed */
      attachmentId: (ids.get(t.sha256, t.sha256) as string | undefined) ?? null,
    })),
  };
}

/** "Send this one now": the attachment's original (and thumbnail) jump the queue. */
export function evidencePrioritize(ctx: ServiceContext, input: ParsedInput<'evidence.prioritize'>) {
  const attachment = load(ctx, 'attachment', input.id);
  const now = ctx.now().toISOString();
  const moved = prioritize(ctx.db, attachment.sha256, now);
  if (attachment.thumbSha256) prioritize(ctx.db, attachment.thumbSha256, now);
  ctx.evidence?.kick?.();
  return { moved };
}

/** The thumbnail's bytes for the views (≤ 20 KB, WebP), or null while it is not on this device. */
export function evidenceThumbnail(ctx: ServiceContext, input: ParsedInput<'evidence.thumbnail'>) {
  const attachment = find(ctx, 'attachment', input.id);
  if (!attachment?.thumbSha256) return null;
  const store = blobStoreFor(ctx.db, ctx.evidence);
  if (!store.has(attachment.thumbSha256)) return null;
  return { mime: 'image/webp', base64: fs.readFileSync(store.pathOf(attachment.thumbSha256)).toString('base64') };
}

/** Asks for an original this device lacks (evidence attached elsewhere): it comes down on demand, resumably. */
export function evidenceFetch(ctx: ServiceContext, input: ParsedInput<'evidence.fetch'>) {
  const attachment = load(ctx, 'attachment', input.id);
  const store = blobStoreFor(ctx.db, ctx.evidence);
  const now = ctx.now().toISOString();
  const wanted = [attachment.thumbSha256 && !store.has(attachment.thumbSha256) ? { sha256: attachment.thumbSha256, kind: 'thumb' as const, size: attachment.thumbSize ?? 0, priority: PRIORITY.thumb } : null,
    !store.has(attachment.sha256) ? { sha256: attachment.sha256, kind: 'original' as const, size: attachment.size, priority: PRIORITY.download } : null].filter((x) => x !== null);
  ctx.db.transaction(() => {
    for (const w of wanted) enqueue(ctx.db, { ...w, direction: 'down', now });
  })();
  if (wanted.length) ctx.evidence?.kick?.();
  return view(ctx, store, attachment);
}

const previews = new Map<string, { mime: string; base64: string; width: number; height: number }>();

/**
 * The viewer's larger image of a photo whose original is on this device (WebP, at most `edge` px),
 * or null (not an image, the original not here yet — evidence.fetch brings it — or unreadable).
 * The last few are kept: paging back and forth in the viewer costs nothing.
 */
export async function evidencePreview(ctx: ServiceContext, input: ParsedInput<'evidence.preview'>) {
  const attachment = load(ctx, 'attachment', input.id);
  if (!attachment.mime.startsWith('image/')) return null;
  const store = blobStoreFor(ctx.db, ctx.evidence);
  if (!store.has(attachment.sha256)) return null;
  const key = `${attachment.sha256}:${input.edge}`;
  const held = previews.get(key);
  if (held) return held;
  const made = await makePreview(store.pathOf(attachment.sha256), input.edge);
  if (!made) return null;
  const preview = { mime: 'image/webp', base64: made.data.toString('base64'), width: made.width, height: made.height };
  previews.set(key, preview);
  while (previews.size > 6) previews.delete(previews.keys().next().value as string);
  return preview;
}
