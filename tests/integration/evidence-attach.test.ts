import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../main/domain/errors';
import { refuseOp } from '../../main/domain/op-authority';
import { wallTimeInZone } from '../../main/evidence/exif';
import { THUMB_EDGE, THUMB_MAX_BYTES } from '../../main/evidence/thumbnail';
import { inProgressChallenge } from '../support/flow';
import { attemptAsync, callAsync, filesUnder, grant, makePdf, makePhoto, writeFile } from '../support/evidence-files';
import type { Org, TestStore } from '../support/store';
import { makeOrg, openTestStore, tempDir } from '../support/store';

/** Attaching evidence on a device: real SQLite file, real files on disk, the contract as the UI calls it. */

interface World {
  s: TestStore;
  org: Org;
  challengeId: string;
  progressId: string;
  milestoneId: string;
  files: string;
  evidenceDir: string;
}

function world(): World {
  const s = openTestStore();
  const org = makeOrg(s);
  const { challengeId } = inProgressChallenge(s, org);
  const progressId = s.call(org.lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: '坝肩渗压计安装', percent: 30, problems: '', nextSteps: '', safetyNotes: '' }).id;
  const milestoneId = s.call(org.lead, 'challenges.get', { id: challengeId }).milestones[0]!.id;
  return { s, org, challengeId, progressId, milestoneId, files: tempDir(), evidenceDir: path.join(path.dirname(s.file), 'evidence') };
}

const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const count = (s: TestStore, sql: string, ...args: unknown[]) => s.db.prepare(sql).pluck().get(...args) as number;

/** The database and the evidence folder, to prove a refusal changed neither. */
function snapshot(w: World) {
  return {
    ops: count(w.s, 'SELECT count(*) FROM sync_ops'),
    attachments: count(w.s, 'SELECT count(*) FROM attachments'),
    transfers: count(w.s, 'SELECT count(*) FROM evidence_transfers'),
    files: filesUnder(w.evidenceDir),
  };
}

describe('attaching evidence', () => {
  it('a photo: sha256, type by bytes, EXIF time and GPS, a small thumbnail, stored by hash, synced as ops, queued thumbnail first', async () => {
    const w = world();
    const photo = await makePhoto(path.join(w.files, '渗压计.jpg'), { takenAt: '2026:03:01 10:20:30', offset: '+08:00', gps: { lat: 30.258333, lon: 101.5 } });
    const a = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(photo), ownerEntity: 'progress', ownerId: w.progressId });

    expect(a.sha256).toBe(sha256Of(photo));
    expect(a).toMatchObject({
      name: '渗压计.jpg', mime: 'image/jpeg', size: fs.statSync(photo).size, capturedAt: '2026-03-01T10:20:30+08:00',
      authorId: w.org.lead, siteId: w.org.damSiteId, challengeId: w.challengeId, ownerEntity: 'progress', ownerId: w.progressId,
      width: 1200, height: 900, removedAt: null, local: { original: true, thumb: true },
    });
    expect(a.gpsLat).toBeCloseTo(30.258333, 4);
    expect(a.gpsLon).toBeCloseTo(101.5, 4);

    // content-addressed outside the database: <dbdir>/evidence/ab/cdef…
    const stored = path.join(w.evidenceDir, a.sha256.slice(0, 2), a.sha256.slice(2));
    expect(fs.readFileSync(stored).equals(fs.readFileSync(photo))).toBe(true);
    const thumbFile = path.join(w.evidenceDir, a.thumbSha256!.slice(0, 2), a.thumbSha256!.slice(2));
    const thumb = await sharp(thumbFile).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(THUMB_EDGE);
    expect(fs.statSync(thumbFile).size).toBe(a.thumbSize);
    expect(a.thumbSize).toBeLessThanOrEqual(THUMB_MAX_BYTES);
    const shown = w.s.call(w.org.lead, 'evidence.thumbnail', { id: a.id });
    expect(Buffer.from(shown!.base64, 'base64').equals(fs.readFileSync(thumbFile))).toBe(true);

    // the row went through the one write path: field ops and the 留痕 event, in the same transaction
    expect(count(w.s, "SELECT count(*) FROM sync_ops WHERE entity = 'attachment' AND row_id = ? AND acked = 0", a.id)).toBeGreaterThan(10);
    expect(count(w.s, "SELECT count(*) FROM events WHERE entity_id = ? AND action = 'attachment.add'", a.id)).toBe(1);
    // the transfer queue: the thumbnail before the original
    const queue = w.s.call(w.org.lead, 'evidence.queue', {});
    expect(queue.transfers.map((t) => [t.kind, t.sha256, t.state])).toEqual([['thumb', a.thumbSha256, 'queued'], ['original', a.sha256, 'queued']]);
    expect(queue.totals).toMatchObject({ files: 2, bytes: a.size + a.thumbSize! });
    expect(w.s.call(w.org.lead, 'evidence.list', { ownerEntity: 'progress', ownerId: w.progressId }).map((x) => x.id)).toEqual([a.id]);
  });

  it('a time without a zone is read in the site’s zone; photos without EXIF and documents have no time, GPS or thumbnail', async () => {
    const w = world();
    const local = await makePhoto(path.join(w.files, 'a.jpg'), { takenAt: '2026:03:01 23:30:00' });
    expect((await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(local), ownerEntity: 'progress', ownerId: w.progressId })).capturedAt).toBe('2026-03-01T23:30:00+08:00');
    expect(wallTimeInZone('2026-07-01T12:00:00', null, 'America/New_York')).toBe('2026-07-01T12:00:00-04:00');
    expect(wallTimeInZone('2026-01-15T12:00:00', null, 'America/New_York')).toBe('2026-01-15T12:00:00-05:00');

    const bare = await makePhoto(path.join(w.files, 'b.jpg'), { seed: 2 });
    expect(await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(bare), ownerEntity: 'progress', ownerId: w.progressId })).toMatchObject({ capturedAt: null, gpsLat: null, gpsLon: null });

    const pdf = makePdf(path.join(w.files, '检测报告.pdf'), 50_000);
    const doc = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(pdf), ownerEntity: 'milestone', ownerId: w.milestoneId });
    expect(doc).toMatchObject({ mime: 'application/pdf', thumbSha256: null, thumbSize: null, capturedAt: null, ownerEntity: 'milestone' });
    expect(w.s.call(w.org.lead, 'evidence.thumbnail', { id: doc.id })).toBeNull();

    // a Chinese note saved by Windows (GB18030) is plain text
    const note = writeFile(w.files, '记录.txt', Buffer.from([0xb0, 0xd3, 0xbc, 0xe7, 0xc9, 0xf8, 0xd1, 0xb9, 0xbc, 0xc6, 0x0d, 0x0a]));
    expect((await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(note), ownerEntity: 'progress', ownerId: w.progressId })).mime).toBe('text/plain');
  });

  it('the same file twice is stored once; on the same owner it is the same evidence', async () => {
    const w = world();
    const photo = await makePhoto(path.join(w.files, 'p.jpg'), { takenAt: '2026:03:01 10:00:00' });
    const copy = path.join(w.files, 'copy of p.jpg');
    fs.copyFileSync(photo, copy);
    const first = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(photo), ownerEntity: 'progress', ownerId: w.progressId });
    const files = filesUnder(w.evidenceDir);
    const again = await callAsync(w.s, w.org.member, 'evidence.attach', { token: grant(copy), ownerEntity: 'progress', ownerId: w.progressId });
    expect(again.id).toBe(first.id);
    const other = await callAsync(w.s, w.org.member, 'evidence.attach', { token: grant(copy), ownerEntity: 'milestone', ownerId: w.milestoneId, name: '安装照片' });
    expect(other.id).not.toBe(first.id);
    expect(other).toMatchObject({ sha256: first.sha256, thumbSha256: first.thumbSha256, name: '安装照片', authorId: w.org.member });
    expect(filesUnder(w.evidenceDir)).toEqual(files);
    expect(count(w.s, 'SELECT count(*) FROM attachments')).toBe(2);
    // one transfer per blob, at the better of the two priorities
    expect(count(w.s, "SELECT count(*) FROM evidence_transfers WHERE direction = 'up'")).toBe(2);
    expect(count(w.s, "SELECT priority FROM evidence_transfers WHERE sha256 = ?", first.sha256)).toBe(20);
  });

  it('bad input is refused with a clear error in both languages, and nothing is half-stored', async () => {
    const w = world();
    await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(await makePhoto(path.join(w.files, 'ok.jpg'))), ownerEntity: 'progress', ownerId: w.progressId });
    const before = snapshot(w);
    // a file that is missing, a folder or empty is refused when it is granted; the rest when attached
    const attempt = async (file: string) => {
      let token: string;
      try {
        token = grant(file);
      } catch (err) {
        return { ok: false as const, error: toErrorPayload(err) };
      }
      return attemptAsync(w.s, w.org.lead, 'evidence.attach', { token, ownerEntity: 'progress', ownerId: w.progressId });
    };
    const refused = async (file: string, reason: string, zh: RegExp, en: RegExp) => {
      const result = await attempt(file);
      expect(result.ok, file).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(reason === 'missing' ? 'NOT_FOUND' : 'VALIDATION');
      expect((result.error.details as { reason: string }).reason).toBe(reason);
      expect(result.error.message).toMatch(zh);
      expect(result.error.messageEn).toMatch(en);
      expect(snapshot(w)).toEqual(before);
    };
    const exe = /可执行文件/;
    const exeEn = /Executable files/;
    const filler = Buffer.alloc(4000, 0x41);
    await refused(writeFile(w.files, 'photo.jpg', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), filler])), 'executable', exe, exeEn);
    await refused(writeFile(w.files, 'scan.jpg', Buffer.concat([Buffer.from('MZ'), filler])), 'executable', exe, exeEn);
    await refused(writeFile(w.files, 'report.pdf', Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), filler])), 'executable', exe, exeEn);
    await refused(writeFile(w.files, 'notes.txt', '#!/bin/sh\nrm -rf /\n'), 'executable', exe, exeEn);
    await refused(writeFile(w.files, 'readme.jpg', '\ufeff#!/usr/bin/env python3\nprint(1)\n'), 'executable', exe, exeEn);
    await refused(writeFile(w.files, 'install.sh', 'echo hello\n'), 'executable', exe, exeEn);
    await refused(writeFile(w.files, 'archive.jpg', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)])), 'type', /不支持的文件类型/, /Unsupported file type/);
    await refused(writeFile(w.files, 'blob.jpg', Buffer.from([0, 1, 2, 3, 0, 0, 9, 200, 7])), 'type', /不支持的文件类型/, /Unsupported file type/);

    // a photo cut off halfway (a broken copy from a memory card)
    const whole = fs.readFileSync(await makePhoto(path.join(w.files, 'whole.jpg'), { seed: 9 }));
    await refused(writeFile(w.files, 'truncated.jpg', whole.subarray(0, whole.length / 2)), 'damaged', /图片已损坏或不完整/, /damaged or incomplete/);

    // over the configured limit: by option, and by the device setting that overrides it
    w.s.ctx.evidence = { maxBytes: 1024 * 1024 };
    await refused(makePdf(path.join(w.files, 'big.pdf'), 2 * 1024 * 1024), 'too_large', /文件过大（2\.0 MB），单个佐证材料不能超过 1\.0 MB/, /too large/);
    w.s.ctx.evidence = {};
    w.s.db.prepare("INSERT INTO settings (key, value) VALUES ('evidence_max_bytes', '500000')").run();
    await refused(makePdf(path.join(w.files, 'mid.pdf'), 600_000), 'too_large', /文件过大/, /too large/);

    await refused(path.join(w.files, 'nowhere.jpg'), 'missing', /找不到文件/, /File not found/);
    await refused(w.files, 'not_a_file', /只能附加普通文件/, /regular files/);
    await refused(writeFile(w.files, 'empty.jpg', ''), 'empty', /文件是空的/, /empty/);

    // granted, then gone (or emptied) before it was attached: the attach says so by name, not by path
    const gone = grant(writeFile(w.files, 'gone.jpg', 'x'));
    fs.rmSync(path.join(w.files, 'gone.jpg'));
    const missing = await attemptAsync(w.s, w.org.lead, 'evidence.attach', { token: gone, ownerEntity: 'progress', ownerId: w.progressId });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到文件：gone.jpg', messageEn: 'File not found: gone.jpg' });
    expect(snapshot(w)).toEqual(before);
  });

  it('takes a one-time grant, never a path: a token works once, a refused attach spends it too', async () => {
    const w = world();
    const photo = await makePhoto(path.join(w.files, 'p.jpg'));
    const token = grant(photo);
    await callAsync(w.s, w.org.lead, 'evidence.attach', { token, ownerEntity: 'progress', ownerId: w.progressId });
    const again = await attemptAsync(w.s, w.org.lead, 'evidence.attach', { token, ownerEntity: 'progress', ownerId: w.progressId });
    expect(!again.ok && again.error).toMatchObject({ code: 'VALIDATION', details: { reason: 'grant' }, message: '文件授权无效或已过期，请重新选择文件' });
    const forbidden = grant(photo);
    expect((await attemptAsync(w.s, w.org.otherLead, 'evidence.attach', { token: forbidden, ownerEntity: 'progress', ownerId: w.progressId })).ok).toBe(false);
    expect((await attemptAsync(w.s, w.org.lead, 'evidence.attach', { token: forbidden, ownerEntity: 'progress', ownerId: w.progressId })).ok).toBe(false);
    // a path where the token goes is not a token
    const byPath = await attemptAsync(w.s, w.org.lead, 'evidence.attach', { token: photo, ownerEntity: 'progress', ownerId: w.progressId });
    expect(!byPath.ok && byPath.error.code).toBe('VALIDATION');
    const old = await attemptAsync(w.s, w.org.lead, 'evidence.attach', { path: photo, ownerEntity: 'progress', ownerId: w.progressId } as never);
    expect(!old.ok && old.error.code).toBe('VALIDATION');
  });

  it('a larger preview for the viewer, made from the local original; documents have none', async () => {
    const w = world();
    const photo = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(await makePhoto(path.join(w.files, 'p.jpg'))), ownerEntity: 'progress', ownerId: w.progressId });
    const big = await callAsync(w.s, w.org.lead, 'evidence.preview', { id: photo.id });
    expect(big).toMatchObject({ mime: 'image/webp', width: 1200, height: 900 }); // never enlarged
    const small = await callAsync(w.s, w.org.lead, 'evidence.preview', { id: photo.id, edge: 400 });
    expect(small).toMatchObject({ width: 400, height: 300 });
    expect((await sharp(Buffer.from(small!.base64, 'base64')).metadata()).format).toBe('webp');
    const pdf = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(makePdf(path.join(w.files, 'r.pdf'), 20_000)), ownerEntity: 'progress', ownerId: w.progressId });
    expect(await callAsync(w.s, w.org.lead, 'evidence.preview', { id: pdf.id })).toBeNull();
    // the original not on this device (attached elsewhere): no preview until it is fetched
    fs.rmSync(path.join(w.evidenceDir, photo.sha256.slice(0, 2), photo.sha256.slice(2)));
    expect(await callAsync(w.s, w.org.lead, 'evidence.preview', { id: photo.id, edge: 800 })).toBeNull();
    expect((await attemptAsync(w.s, w.org.lead, 'evidence.preview', { id: photo.id, edge: 10_000 })).ok).toBe(false);
  });

  it('the queue says what it costs on the current link: moving and waiting bytes, and the time at the nominal rate', async () => {
    const w = world();
    w.s.call(w.org.lead, 'session.switchPerson', { personId: w.org.lead }); // the dam: L3, 64 kbit/s up
    const a = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(await makePhoto(path.join(w.files, 'p.jpg'))), ownerEntity: 'progress', ownerId: w.progressId });
    const total = a.size + a.thumbSize!;
    const q = w.s.call(w.org.lead, 'evidence.queue', {});
    expect(q.link).toEqual({ profile: 'L3', enrolled: false, originalsMove: true, upBitsPerSec: 64_000, movingBytes: total, waitingBytes: 0, estimatedSeconds: Math.ceil((total * 8) / 64_000) });
    expect(q.transfers.map((t) => t.attachmentId)).toEqual([a.id, a.id]);

    // on a satellite phone only the thumbnail moves; the original waits unless it is pushed
    w.s.db.prepare("UPDATE sites SET link_profile = 'L6' WHERE id = ?").run(w.org.damSiteId);
    expect(w.s.call(w.org.lead, 'evidence.queue', {}).link).toMatchObject({ profile: 'L6', originalsMove: false, movingBytes: a.thumbSize, waitingBytes: a.size, estimatedSeconds: Math.ceil((a.thumbSize! * 8) / 2_400) });
    w.s.call(w.org.lead, 'evidence.prioritize', { id: a.id });
    expect(w.s.call(w.org.lead, 'evidence.queue', {}).link).toMatchObject({ movingBytes: total, waitingBytes: 0 });
    // isolation: nothing moves, so there is no time to give
    w.s.db.prepare("UPDATE sites SET link_profile = 'L7' WHERE id = ?").run(w.org.damSiteId);
    expect(w.s.call(w.org.lead, 'evidence.queue', {}).link).toMatchObject({ profile: 'L7', upBitsPerSec: 0, estimatedSeconds: null });
  });

  it('who may attach and remove, and owners that no longer take evidence', async () => {
    const w = world();
    const photo = await makePhoto(path.join(w.files, 'p.jpg'));
    // another site's lead cannot add to the dam's challenge
    const other = await attemptAsync(w.s, w.org.otherLead, 'evidence.attach', { token: grant(photo), ownerEntity: 'progress', ownerId: w.progressId });
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');

    const a = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(photo), ownerEntity: 'milestone', ownerId: w.milestoneId });
    const byOther = w.s.attempt(w.org.member, 'evidence.remove', { id: a.id });
    expect(!byOther.ok && byOther.error.code).toBe('FORBIDDEN');

    // verified milestones keep their evidence as it was
    w.s.call(w.org.member, 'milestones.report', { id: w.milestoneId, note: '方案已完成' });
    w.s.call(w.org.officer, 'milestones.verify', { id: w.milestoneId });
    const late = await attemptAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(await makePhoto(path.join(w.files, 'q.jpg'), { seed: 3 })), ownerEntity: 'milestone', ownerId: w.milestoneId });
    expect(!late.ok && late.error.message).toMatch(/节点已核验/);
    const remove = w.s.attempt(w.org.lead, 'evidence.remove', { id: a.id });
    expect(!remove.ok && remove.error.message).toMatch(/节点已核验/);
  });

  it('removal keeps the record, hides it from lists, and stops an upload nobody needs', async () => {
    const w = world();
    const a = await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(await makePhoto(path.join(w.files, 'p.jpg'))), ownerEntity: 'progress', ownerId: w.progressId });
    const removed = w.s.call(w.org.lead, 'evidence.remove', { id: a.id, reason: '拍错了' });
    expect(removed.removedAt).not.toBeNull();
    expect(removed.removedBy).toBe(w.org.lead);
    expect(w.s.call(w.org.lead, 'evidence.list', { challengeId: w.challengeId })).toEqual([]);
    expect(w.s.call(w.org.lead, 'evidence.list', { challengeId: w.challengeId, includeRemoved: true })).toHaveLength(1);
    expect(w.s.db.prepare("SELECT DISTINCT state FROM evidence_transfers").pluck().all()).toEqual(['cancelled']);
    expect(count(w.s, "SELECT count(*) FROM events WHERE entity_id = ? AND action = 'attachment.remove'", a.id)).toBe(1);
    // attaching it again brings the upload back
    await callAsync(w.s, w.org.lead, 'evidence.attach', { token: grant(path.join(w.files, 'p.jpg')), ownerEntity: 'progress', ownerId: w.progressId });
    expect(w.s.db.prepare("SELECT DISTINCT state FROM evidence_transfers").pluck().all()).toEqual(['queued']);
  });

  it('the hub refuses a device that rewrites registered evidence or removes someone else’s', () => {
    const actor = { id: 'lead', name: '李坝址', siteId: 'dam', roles: ['site_lead'] as const };
    const current = { sha256: 'a'.repeat(64), author_id: 'member', site_id: 'dam', removed_at: null };
    expect(refuseOp({ ...actor, roles: [...actor.roles] }, { entity: 'attachment', rowId: 'x', field: 'sha256', value: 'b'.repeat(64) }, { current, challengeSiteId: 'dam' })?.code).toBe('NOT_ALLOWED');
    expect(refuseOp({ ...actor, roles: [...actor.roles] }, { entity: 'attachment', rowId: 'x', field: 'removed_at', value: '2026-03-01T00:00:00Z' }, { current, challengeSiteId: 'dam' })?.code).toBe('NOT_YOURS');
    expect(refuseOp({ ...actor, roles: [...actor.roles] }, { entity: 'attachment', rowId: 'x', field: 'removed_at', value: '2026-03-01T00:00:00Z' }, { current: { ...current, author_id: 'lead' }, challengeSiteId: 'dam' })).toBeNull();
    expect(refuseOp({ ...actor, roles: [...actor.roles] }, { entity: 'attachment', rowId: 'y', field: 'author_id', value: 'member' }, { current: null, challengeSiteId: 'dam' })?.code).toBe('NOT_YOURS');
  });
});
