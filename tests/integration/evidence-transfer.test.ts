import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { createEnrolment } from '../../main/hub/devices';
import { BlobStore } from '../../main/evidence/blobs';
import { blobStoreFor } from '../../main/evidence/config';
import { fetchEvidence } from '../../main/evidence/downloader';
import type { SendOptions } from '../../main/evidence/uploader';
import { sendEvidence } from '../../main/evidence/uploader';
import { TusError, hubHas, tusCreate, tusOffset, tusPatch } from '../../main/evidence/tus-client';
import { enrol, getPeer, syncOnce } from '../../main/sync/client';
import { inProgressChallenge } from '../support/flow';
import { callAsync, filesUnder, grant, makePdf, makePhoto } from '../support/evidence-files';
import type { Link } from '../support/link-emulator';
import { startLink } from '../support/link-emulator';
import type { Org, TestStore } from '../support/store';
import { makeOrg, openTestStore, tempDbFile, tempDir } from '../support/store';

const CUT_MB = Number(process.env.EVIDENCE_CUT_MB ?? 50);
const CUTS = Number(process.env.EVIDENCE_CUTS ?? 20);

/**
 * Evidence from a field device to a real hub over HTTP (in-process fastify on a loopback port), through
 * the link emulator where the link matters: resumable tus uploads, sha256 checks, nothing sent twice.
 */
let hub: RunningHub | undefined;
let link: Link | undefined;
afterEach(async () => {
  await link?.close();
  link = undefined;
  await hub?.close();
  hub = undefined;
});

interface World {
  hq: TestStore;
  org: Org;
  hub: RunningHub;
  challengeId: string;
  hubStore: BlobStore;
  files: string;
}

async function world(evidence?: Parameters<typeof startHub>[0]['evidence']): Promise<World> {
  const file = tempDbFile('hub.sqlite');
  const hq = openTestStore(file);
  const org = makeOrg(hq);
  const { challengeId } = inProgressChallenge(hq, org);
  hub = await startHub({ dbFile: file, port: 0, evidence });
  return { hq, org, hub, challengeId, hubStore: new BlobStore(path.join(path.dirname(file), 'evidence')), files: tempDir() };
}

/** An enrolled, synced device; its hub URL goes through `via` (a link emulator) when given. */
async function device(w: World, personId: string, via?: Link): Promise<TestStore> {
  const d = openTestStore(tempDbFile('device.sqlite'));
  const { code } = createEnrolment(w.hub.db, { personId, label: 'test device' });
  await enrol(d.db, w.hub.url, code);
  if (via) d.db.prepare('UPDATE sync_peer SET hub_url = ?').run(via.url);
  await syncOnce(d.db);
  return d;
}

function progress(d: TestStore, w: World, actor: string, text = '坝肩渗压计安装'): string {
  return d.call(actor, 'progress.add', { challengeId: w.challengeId, date: '2026-03-02', workDone: text, percent: 30, problems: '', nextSteps: '', safetyNotes: '' }).id;
}

const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const count = (db: TestStore['db'], sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
const queueStates = (d: TestStore) => d.db.prepare("SELECT kind, state FROM evidence_transfers WHERE direction = 'up' ORDER BY priority, kind").all();

/** Runs sendEvidence until the queue is empty, retrying after network failures (as the scheduler would). */
async function drain(d: TestStore, options: SendOptions = {}, maxRuns = 200) {
  let runs = 0;
  let failures = 0;
  const total = { sent: 0, alreadyThere: 0, bytesSent: 0, refusedChunks: 0, chunks: 0 };
  for (; runs < maxRuns; runs++) {
    try {
      const r = await sendEvidence(d.db, blobStoreFor(d.db), options);
      total.sent += r.sent;
      total.alreadyThere += r.alreadyThere;
      total.bytesSent += r.bytesSent;
      total.refusedChunks += r.refusedChunks;
      total.chunks += r.chunks;
      if (r.waiting === 0) return { ...total, runs: runs + 1, failures };
    } catch (err) {
      if (err instanceof TusError) throw err;
      failures++;
    }
  }
  throw new Error(`queue did not drain in ${maxRuns} runs`);
}

describe('evidence reaches the hub', () => {
  it('records first, then thumbnail, then original; the hub verifies and stores them by sha256', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const entry = progress(lead, w, w.org.lead);
    const photo = await makePhoto(path.join(w.files, 'p.jpg'), { takenAt: '2026:03:01 10:00:00', gps: { lat: 29.5, lon: 98.1 } });
    const a = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(photo), ownerEntity: 'progress', ownerId: entry });
    const order: string[] = [];
    const report = await sendEvidence(lead.db, blobStoreFor(lead.db), { onProgress: (p) => p.offset === p.size && order.push(p.kind) });
    expect(report).toMatchObject({ sent: 2, alreadyThere: 0, failed: 0, waiting: 0, refusedChunks: 0 });
    expect(order).toEqual(['thumb', 'original']);
    // the attachment row went first (sendEvidence synced it), with its metadata
    expect(w.hub.db.prepare('SELECT sha256, gps_lat, author_id, site_id FROM attachments WHERE id = ?').get(a.id)).toEqual({ sha256: a.sha256, gps_lat: 29.5, author_id: w.org.lead, site_id: w.org.damSiteId });
    expect(fs.readFileSync(w.hubStore.pathOf(a.sha256)).equals(fs.readFileSync(photo))).toBe(true);
    expect(w.hubStore.has(a.thumbSha256!)).toBe(true);
    expect(count(w.hub.db, 'SELECT count(*) FROM hub_blobs')).toBe(2);
    expect(queueStates(lead)).toEqual([{ kind: 'thumb', state: 'done' }, { kind: 'original', state: 'done' }]);
    // no half uploads are left at the hub
    expect(filesUnder(path.join(w.hubStore.root, 'uploads'))).toEqual([]);
  });

  it('re-attaching a file the hub already has moves no file bytes', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const photo = await makePhoto(path.join(w.files, 'p.jpg'));
    await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(photo), ownerEntity: 'progress', ownerId: progress(lead, w, w.org.lead) });
    await drain(lead);

    // another device at the site attaches the very same photo (copied from the lead's card) to a milestone
    link = await startLink({ target: { host: '127.0.0.1', port: Number(new URL(w.hub.url).port) } });
    const member = await device(w, w.org.member, link);
    const milestoneId = member.call(w.org.member, 'challenges.get', { id: w.challengeId }).milestones[0]!.id;
    const copy = path.join(w.files, 'IMG_0001.jpg');
    fs.copyFileSync(photo, copy);
    await callAsync(member, w.org.member, 'evidence.attach', { token: grant(copy), ownerEntity: 'milestone', ownerId: milestoneId });
    link.resetStats();
    const report = await sendEvidence(member.db, blobStoreFor(member.db));
    expect(report).toMatchObject({ sent: 0, alreadyThere: 2, bytesSent: 0, chunks: 0 });
    expect(queueStates(member)).toEqual([{ kind: 'thumb', state: 'done' }, { kind: 'original', state: 'done' }]);
    // what crossed the link: the attachment's record (a sync round) and one "which do you have?" question
    expect(link.stats().bytesUp).toBeLessThan(4_000);
    expect(link.stats().bytesUp).toBeLessThan(fs.statSync(photo).size / 20);
  });

  it(`${CUT_MB} MB through the link with ${CUTS} random cuts: everything arrives, verified, with few bytes sent twice`, async () => {
    const w = await world();
    // a fast field link (16 Mbit/s): shaped, so the hub reads bytes as they arrive, as it does on any real link
    link = await startLink({ target: { host: '127.0.0.1', port: Number(new URL(w.hub.url).port) }, seed: 5, upBitsPerSec: 16e6, downBitsPerSec: 16e6, delayMs: 10 });
    const lead = await device(w, w.org.lead, link);
    const entry = progress(lead, w, w.org.lead);
    const sizes = [0.3, 0.1, 0.25, 0.05, 0.2, 0.1].map((f) => Math.round(f * CUT_MB * 1024 * 1024));
    const files = sizes.map((size, i) => makePdf(path.join(w.files, `报告${i}.pdf`), size));
    for (const file of files) await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(file), ownerEntity: 'progress', ownerId: entry });
    await syncOnce(lead.db);
    const total = sizes.reduce((a, b) => a + b, 0);

    // cuts at random points of the upload (seeded, so a failure can be replayed)
    let seed = 42;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const points = Array.from({ length: CUTS }, () => Math.floor((0.02 + 0.96 * random()) * total)).sort((a, b) => a - b);
    link.resetStats();
    let cutsDone = 0;
    const cutting = (async () => {
      let at = 0;
      for (const p of points) {
        await link!.cutAfterBytes(Math.max(1, p - at), 'up');
        at = p;
        cutsDone++;
      }
    })();
    const result = await drain(lead, {}, 400);
    expect(cutsDone).toBe(CUTS);
    await Promise.race([cutting, Promise.resolve()]);

    for (const file of files) {
      const sha = sha256Of(file);
      expect(w.hubStore.has(sha)).toBe(true);
      expect(await w.hubStore.verify(sha)).toBe(true);
    }
    expect(result.failures).toBeGreaterThanOrEqual(CUTS / 2);
    // every byte that crossed the link counts: file bytes, HTTP headers, retries
    const overhead = link.stats().bytesUp / total - 1;
    console.info(`[evidence] ${CUT_MB} MB, ${CUTS} cuts, ${result.runs} runs: ${link.stats().bytesUp} bytes up for ${total} (+${(overhead * 100).toFixed(2)} %)`);
    expect(overhead).toBeLessThanOrEqual(0.05);
    expect(filesUnder(path.join(w.hubStore.root, 'uploads'))).toEqual([]);
  });

  it('a tampered chunk is refused and sent again on its own; a tampered file is refused whole', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const entry = progress(lead, w, w.org.lead);
    const pdf = makePdf(path.join(w.files, 'weld.pdf'), 600_000);
    const a = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(pdf), ownerEntity: 'progress', ownerId: entry });
    // something on the way flips a byte in the second chunk (the checksum header is left as sent)
    let patches = 0;
    let tampered = 0;
    const meddling: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH' && ++patches === 2) {
        const body = Buffer.from(init.body as Uint8Array);
        body[100] = body[100]! ^ 0xff;
        tampered = body.length;
        return fetch(input, { ...init, body });
      }
      return fetch(input, init);
    };
    const report = await sendEvidence(lead.db, blobStoreFor(lead.db), { fetch: meddling, chunk: { initial: 128 * 1024, max: 128 * 1024 } });
    expect(report).toMatchObject({ sent: 1, refusedChunks: 1, failed: 0 });
    expect(await w.hubStore.verify(a.sha256)).toBe(true);
    // only the refused chunk went twice
    expect(report.bytesSent).toBe(a.size + tampered);

    // a device that sends other bytes under a known sha256 (each chunk consistent with its own checksum)
    const other = makePdf(path.join(w.files, 'other.pdf'), 300_000);
    const b = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(other), ownerEntity: 'progress', ownerId: entry });
    await syncOnce(lead.db);
    const peer = getPeer(lead.db)!;
    const url = await tusCreate({}, peer.hubUrl, peer.token, b.size, { sha256: b.sha256 });
    const forged = makePdf(path.join(w.files, 'forged.pdf'), 300_000);
    const refusal = await tusPatch({}, url, peer.token, 0, fs.readFileSync(forged)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TusError);
    expect(refusal).toMatchObject({ status: 460, code: 'SHA256_MISMATCH' });
    expect(w.hubStore.has(b.sha256)).toBe(false);
    expect(await tusOffset({}, url, peer.token)).toBeNull(); // thrown away: the next attempt starts clean
    expect(count(w.hub.db, 'SELECT count(*) FROM hub_blobs WHERE sha256 = ?', b.sha256)).toBe(0);
    // the honest client then gets it through
    expect(await drain(lead)).toMatchObject({ sent: 1 }); // a PDF has no thumbnail: just the original
    expect(await w.hubStore.verify(b.sha256)).toBe(true);

    // a file damaged on the device's disk after it was attached is reported, not sent again and again
    const c = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(makePdf(path.join(w.files, 'c.pdf'), 50_000)), ownerEntity: 'progress', ownerId: entry });
    const local = blobStoreFor(lead.db).pathOf(c.sha256);
    const damaged = fs.readFileSync(local);
    damaged[1000] = damaged[1000]! ^ 1;
    fs.writeFileSync(local, damaged);
    expect(await sendEvidence(lead.db, blobStoreFor(lead.db))).toMatchObject({ sent: 0, failed: 1, waiting: 0 });
    expect(w.hubStore.has(c.sha256)).toBe(false);
    const failed = lead.call(w.org.lead, 'evidence.queue', {}).transfers.find((t) => t.sha256 === c.sha256)!;
    expect(failed).toMatchObject({ state: 'failed', name: 'c.pdf' });
    expect(failed.lastError).toMatch(/本机文件已损坏/);
  });

  it('the hub refuses what it should: no token, unknown or mis-sized files, other devices’ uploads, chunks without checksum; a truncated upload is never accepted', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const member = await device(w, w.org.member);
    const entry = progress(lead, w, w.org.lead);
    const pdf = makePdf(path.join(w.files, 'test.pdf'), 200_000);
    const a = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(pdf), ownerEntity: 'progress', ownerId: entry });
    const peer = getPeer(lead.db)!;
    const memberToken = getPeer(member.db)!.token;
    const bytes = fs.readFileSync(pdf);
    const refused = async (p: Promise<unknown>) => (await p.then(() => null, (e: unknown) => e)) as TusError;

    // before the record is at the hub, its file is not taken (structured data goes first)
    expect(await refused(tusCreate({}, peer.hubUrl, peer.token, a.size, { sha256: a.sha256 }))).toMatchObject({ status: 403, code: 'NOT_REFERENCED' });
    await syncOnce(lead.db);
    expect(await refused(tusCreate({}, peer.hubUrl, 'x'.repeat(43), a.size, { sha256: a.sha256 }))).toMatchObject({ status: 401, code: 'BAD_TOKEN' });
    expect(await refused(tusCreate({}, peer.hubUrl, peer.token, a.size + 1, { sha256: a.sha256 }))).toMatchObject({ status: 400, code: 'WRONG_SIZE' });
    expect(await refused(tusCreate({}, peer.hubUrl, peer.token, 10, { sha256: 'f'.repeat(64) }))).toMatchObject({ status: 403, code: 'NOT_REFERENCED' });
    expect(await refused(tusCreate({}, peer.hubUrl, peer.token, 10, { kind: 'original' }))).toMatchObject({ status: 400, code: 'BAD_METADATA' });

    const url = await tusCreate({}, peer.hubUrl, peer.token, a.size, { sha256: a.sha256 });
    // another device can neither see nor write this upload
    expect(await refused(tusPatch({}, url, memberToken, 0, bytes.subarray(0, 1000)))).toMatchObject({ status: 404 });
    const noChecksum = await fetch(url, { method: 'PATCH', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${peer.token}`, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, body: bytes.subarray(0, 1000) });
    expect(noChecksum.status).toBe(400);
    expect(await noChecksum.json()).toMatchObject({ error: { code: 'CHECKSUM_REQUIRED' } });

    // half of the file, then the device goes quiet: the hub holds a partial upload, never the blob
    expect(await tusPatch({}, url, peer.token, 0, bytes.subarray(0, 100_000))).toBe(100_000);
    expect(w.hubStore.has(a.sha256)).toBe(false);
    expect([...(await hubHas({}, peer.hubUrl, peer.token, [a.sha256]))]).toEqual([]);
    const get = await fetch(new URL(`/v1/evidence/${a.sha256}`, peer.hubUrl), { headers: { Authorization: `Bearer ${peer.token}` } });
    expect(get.status).toBe(404);
    // a chunk at the wrong offset changes nothing
    expect(await refused(tusPatch({}, url, peer.token, 50_000, bytes.subarray(50_000, 60_000)))).toMatchObject({ status: 409 });
    expect(await tusOffset({}, url, peer.token)).toBe(100_000);

    // the queue picks it up where it stopped
    lead.db.prepare("UPDATE evidence_transfers SET upload_url = ? WHERE sha256 = ?").run(url, a.sha256);
    const report = await sendEvidence(lead.db, blobStoreFor(lead.db));
    expect(report.bytesSent).toBe(a.size - 100_000);
    expect(await w.hubStore.verify(a.sha256)).toBe(true);
  });

  it('a progress entry written while a large upload is on the link reaches the hub before the upload ends', async () => {
    const w = await world();
    // a shared Ku-band uplink, 512 kbit/s: the file needs ~10 s
    link = await startLink({ target: { host: '127.0.0.1', port: Number(new URL(w.hub.url).port) }, upBitsPerSec: 512_000, downBitsPerSec: 2_000_000, delayMs: 60 });
    const lead = await device(w, w.org.lead, link);
    const entry = progress(lead, w, w.org.lead);
    const a = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(makePdf(path.join(w.files, '压溃试验.pdf'), 640_000)), ownerEntity: 'progress', ownerId: entry });
    let written: string | null = null;
    let arrived: { at: number; blobThere: boolean } | null = null;
    const watch = setInterval(() => {
      if (written && !arrived && count(w.hub.db, 'SELECT count(*) FROM progress_entries WHERE id = ?', written) === 1) {
        arrived = { at: performance.now(), blobThere: w.hubStore.has(a.sha256) };
      }
    }, 20);
    const sending = sendEvidence(lead.db, blobStoreFor(lead.db), {
      chunk: { targetMs: 1_000 },
      onProgress: (p) => {
        if (!written && p.offset > 0) written = progress(lead, w, w.org.lead, '上传途中写的日志');
      },
    });
    const report = await sending;
    const finished = performance.now();
    clearInterval(watch);
    expect(report.sent).toBe(1);
    expect(written).not.toBeNull();
    expect(arrived).not.toBeNull();
    expect(arrived!.blobThere).toBe(false);
    expect(arrived!.at).toBeLessThan(finished);
  });

  it('on a satellite phone only thumbnails move; originals wait for a better link', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const a = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(await makePhoto(path.join(w.files, 'p.jpg'))), ownerEntity: 'progress', ownerId: progress(lead, w, w.org.lead) });
    const thin = await sendEvidence(lead.db, blobStoreFor(lead.db), { kinds: ['thumb'] });
    expect(thin).toMatchObject({ sent: 1, waiting: 1 });
    expect(w.hubStore.has(a.thumbSha256!)).toBe(true);
    expect(w.hubStore.has(a.sha256)).toBe(false);
    // the user pushes this one original now: it jumps the queue
    lead.call(w.org.lead, 'evidence.prioritize', { id: a.id });
    expect(lead.db.prepare('SELECT priority FROM evidence_transfers WHERE sha256 = ?').pluck().get(a.sha256)).toBe(-10);
    expect(await sendEvidence(lead.db, blobStoreFor(lead.db))).toMatchObject({ sent: 1, waiting: 0 });
  });

  it('other devices get thumbnails by themselves and originals on demand, resuming a cut download with Range', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const photo = await makePhoto(path.join(w.files, 'p.jpg'), { width: 2400, height: 1800, quality: 95 });
    const a = await callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(photo), ownerEntity: 'progress', ownerId: progress(lead, w, w.org.lead) });
    await drain(lead);

    link = await startLink({ target: { host: '127.0.0.1', port: Number(new URL(w.hub.url).port) }, upBitsPerSec: 16e6, downBitsPerSec: 16e6, delayMs: 5 });
    const member = await device(w, w.org.member, link);
    const store = blobStoreFor(member.db);
    expect(await fetchEvidence(member.db, store)).toMatchObject({ received: 1 });
    expect(store.has(a.thumbSha256!)).toBe(true);
    expect(store.has(a.sha256)).toBe(false);
    const listed = member.call(w.org.member, 'evidence.list', { ownerEntity: 'progress', ownerId: a.ownerId })[0]!;
    expect(listed.local).toEqual({ original: false, thumb: true });
    expect(member.call(w.org.member, 'evidence.thumbnail', { id: a.id })).not.toBeNull();

    member.call(w.org.member, 'evidence.fetch', { id: a.id });
    link.resetStats();
    void link.cutAfterBytes(Math.floor(a.size / 2), 'down');
    await expect(fetchEvidence(member.db, store)).rejects.toThrow();
    expect(store.has(a.sha256)).toBe(false);
    const report = await fetchEvidence(member.db, store);
    expect(report.received).toBe(1);
    expect(await store.verify(a.sha256)).toBe(true);
    expect(fs.readFileSync(store.pathOf(a.sha256)).equals(fs.readFileSync(photo))).toBe(true);
    // the second request asked only for the rest
    expect(link.stats().bytesDown).toBeLessThan(a.size * 1.05);
    expect(member.call(w.org.member, 'evidence.list', { ownerEntity: 'progress', ownerId: a.ownerId })[0]!.local).toEqual({ original: true, thumb: true });
  });

  it('per-device limits at the hub: open uploads, bytes per day, file size; the device waits and tries again later', async () => {
    const w = await world({ openUploadsPerDevice: 1, dailyBytesPerDevice: 150_000, maxBytes: 120_000 });
    const lead = await device(w, w.org.lead);
    const entry = progress(lead, w, w.org.lead);
    // queued a second apart, so the queue's order (priority, then time) is the order attached
    const attach = async (name: string, size: number) => {
      lead.clock.advanceMs(1000);
      return callAsync(lead, w.org.lead, 'evidence.attach', { token: grant(makePdf(path.join(w.files, name), size)), ownerEntity: 'progress', ownerId: entry });
    };
    const [a, b, big] = [await attach('a.pdf', 100_000), await attach('b.pdf', 60_000), await attach('big.pdf', 130_000)];
    await syncOnce(lead.db);
    const peer = getPeer(lead.db)!;
    const refused = async (p: Promise<unknown>) => (await p.then(() => null, (e: unknown) => e)) as TusError;

    expect(await refused(tusCreate({}, peer.hubUrl, peer.token, big.size, { sha256: big.sha256 }))).toMatchObject({ status: 413 });
    const open = await tusCreate({}, peer.hubUrl, peer.token, a.size, { sha256: a.sha256 });
    expect(await refused(tusCreate({}, peer.hubUrl, peer.token, b.size, { sha256: b.sha256 }))).toMatchObject({ status: 429, code: 'TOO_MANY_UPLOADS' });
    await tusPatch({}, open, peer.token, 0, fs.readFileSync(blobStoreFor(lead.db).pathOf(a.sha256)));
    // a is in (100 kB of the 150 kB allowance): b would go over it today
    expect(await refused(tusCreate({}, peer.hubUrl, peer.token, b.size, { sha256: b.sha256 }))).toMatchObject({ status: 429, code: 'DAILY_QUOTA' });

    // the queue: a is there already; b is over today's allowance, and a limit ends the run
    expect(await sendEvidence(lead.db, blobStoreFor(lead.db))).toMatchObject({ alreadyThere: 1, sent: 0, failed: 0, waiting: 2 });
    // pushed to the front, the oversized file is marked failed with the hub's reason; b still waits
    lead.call(w.org.lead, 'evidence.prioritize', { id: big.id });
    expect(await sendEvidence(lead.db, blobStoreFor(lead.db))).toMatchObject({ sent: 0, failed: 1, waiting: 1 });
    expect(lead.db.prepare('SELECT last_error FROM evidence_transfers WHERE sha256 = ?').pluck().get(big.sha256)).toMatch(/413/);
    const states = Object.fromEntries((lead.db.prepare("SELECT sha256, state FROM evidence_transfers").all() as { sha256: string; state: string }[]).map((r) => [r.sha256, r.state]));
    expect(states).toEqual({ [a.sha256]: 'done', [b.sha256]: 'queued', [big.sha256]: 'failed' });
  });
});
