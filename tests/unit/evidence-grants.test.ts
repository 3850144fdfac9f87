import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JiebangError } from '../../main/domain/errors';
import { FileGrants, GRANT_TOKEN } from '../../main/evidence/grants';
import { tempDir } from '../support/store';

/** One-time file grants: what evidence.attach takes instead of a path from the renderer. */

function refusal(fn: () => unknown): { code: string; reason: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof JiebangError)) throw err;
    return { code: err.code, reason: (err.details as { reason: string }).reason, message: err.messageEn };
  }
  throw new Error('not refused');
}

const clock = () => {
  let ms = Date.parse('2026-11-24T02:00:00Z');
  return { now: () => ms, advance: (by: number) => (ms += by) };
};

describe('file grants', () => {
  it('a token for a regular file, redeemed once, with the real path, name and size', () => {
    const dir = tempDir();
    const file = path.join(dir, '坝肩.jpg');
    fs.writeFileSync(file, 'photo bytes');
    const grants = new FileGrants();
    const granted = grants.grantPath(file, { maxBytes: 1000 });
    expect(granted.token).toMatch(GRANT_TOKEN);
    expect(granted).toMatchObject({ name: '坝肩.jpg', size: 11 });
    expect(JSON.stringify(granted)).not.toContain(dir); // the renderer never learns where the file is
    expect(grants.redeem(granted.token)).toEqual({ path: fs.realpathSync(file), name: '坝肩.jpg', size: 11, temp: false });
    // used once
    expect(refusal(() => grants.redeem(granted.token))).toMatchObject({ code: 'VALIDATION', reason: 'grant' });
    expect(refusal(() => grants.redeem('A'.repeat(32)))).toMatchObject({ code: 'VALIDATION', reason: 'grant' });
    // the user's file is theirs: releasing a grant never deletes it
    grants.release(grants.redeem(grants.grantPath(file, { maxBytes: 1000 }).token));
    expect(fs.existsSync(file)).toBe(true);
  });

  it('expires', () => {
    const c = clock();
    const file = path.join(tempDir(), 'a.pdf');
    fs.writeFileSync(file, '%PDF-1.7');
    const grants = new FileGrants({ ttlMs: 60_000, now: c.now });
    const early = grants.grantPath(file, { maxBytes: 100 });
    const late = grants.grantPath(file, { maxBytes: 100 });
    expect(early.expiresAt).toBe('2026-11-24T02:01:00.000Z');
    c.advance(59_999);
    expect(grants.redeem(early.token).size).toBe(8);
    c.advance(1);
    expect(refusal(() => grants.redeem(late.token)).reason).toBe('grant');
    expect(grants.size).toBe(0);
  });

  it('refuses what is not a file a person handed over: relative paths, folders, devices, missing or empty files, too large', () => {
    const dir = tempDir();
    const grants = new FileGrants();
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'big.pdf'), Buffer.alloc(2048));
    expect(refusal(() => grants.grantPath('relative/id_rsa', { maxBytes: 1e6 })).reason).toBe('not_a_file');
    expect(refusal(() => grants.grantPath('', { maxBytes: 1e6 })).reason).toBe('not_a_file');
    expect(refusal(() => grants.grantPath(dir, { maxBytes: 1e6 })).reason).toBe('not_a_file');
    if (fs.existsSync('/dev/zero')) expect(refusal(() => grants.grantPath('/dev/zero', { maxBytes: 1e6 })).reason).toBe('not_a_file');
    expect(refusal(() => grants.grantPath(path.join(dir, 'nowhere.jpg'), { maxBytes: 1e6 }))).toMatchObject({ code: 'NOT_FOUND', reason: 'missing', message: 'File not found: nowhere.jpg' });
    expect(refusal(() => grants.grantPath(path.join(dir, 'empty.txt'), { maxBytes: 1e6 })).reason).toBe('empty');
    expect(refusal(() => grants.grantPath(path.join(dir, 'big.pdf'), { maxBytes: 1024 })).reason).toBe('too_large');
    expect(grants.size).toBe(0);
  });

  it('follows a link once, at grant time: swapping the link afterwards changes nothing', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'photo.jpg'), 'the photo');
    fs.writeFileSync(path.join(dir, 'secret'), 'not for HQ');
    fs.symlinkSync(path.join(dir, 'photo.jpg'), path.join(dir, 'link.jpg'));
    const grants = new FileGrants();
    const granted = grants.grantPath(path.join(dir, 'link.jpg'), { maxBytes: 100 });
    fs.rmSync(path.join(dir, 'link.jpg'));
    fs.symlinkSync(path.join(dir, 'secret'), path.join(dir, 'link.jpg'));
    expect(grants.redeem(granted.token).path).toBe(fs.realpathSync(path.join(dir, 'photo.jpg')));
  });

  it('uploads: streamed to a private temp file, granted, deleted once used or expired; refusals leave nothing', async () => {
    const c = clock();
    const dir = path.join(tempDir(), 'tmp');
    const grants = new FileGrants({ ttlMs: 1_000, now: c.now });
    const used = await grants.receive(Readable.from([Buffer.from('%PDF-1.7 '), Buffer.from('report')]), dir, { name: 'sub/../报告.pdf', maxBytes: 100 });
    expect(used).toMatchObject({ name: 'sub..报告.pdf', size: 15 });
    const file = grants.redeem(used.token);
    expect(file.temp).toBe(true);
    expect(fs.readFileSync(file.path, 'utf8')).toBe('%PDF-1.7 report');
    expect(fs.statSync(file.path).mode & 0o077).toBe(0);
    grants.release(file);
    expect(fs.readdirSync(dir)).toEqual([]);

    await grants.receive(Readable.from([Buffer.from('left alone')]), dir, { name: 'a.txt', maxBytes: 100 });
    expect(fs.readdirSync(dir)).toHaveLength(1);
    c.advance(1_000);
    expect(grants.sweep()).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([]);

    const tooLarge = await grants.receive(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), dir, { name: 'big.pdf', maxBytes: 100 }).catch((e: unknown) => e);
    expect(tooLarge).toMatchObject({ code: 'VALIDATION', details: { reason: 'too_large' } });
    const empty = await grants.receive(Readable.from([]), dir, { name: 'empty.jpg', maxBytes: 100 }).catch((e: unknown) => e);
    expect(empty).toMatchObject({ details: { reason: 'empty' } });
    const cut = new Readable({ read() {} });
    const receiving = grants.receive(cut, dir, { name: 'cut.jpg', maxBytes: 100 }).catch((e: unknown) => e);
    cut.push(Buffer.from('half a photo'));
    cut.destroy();
    expect(await receiving).toMatchObject({ details: { reason: 'incomplete' } });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(grants.size).toBe(0);
  });
});
