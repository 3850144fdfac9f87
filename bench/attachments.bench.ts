/**
 * bench:attachments — evidence over a thin satellite link (issue 5): N photos of about M MB from a
 * field device to the hub through the link emulator at L3 (256/64 kbit/s, ~375 ms, 1.5 % loss, its
 * hourly 1–2 min drops) plus a few random connection resets, while small records are written behind them.
 *   - wall time against the floor: the bytes the files need (originals + thumbnails) ÷ the upstream rate
 *   - bytes wasted by cuts: file bytes put on the wire more than once, and all link bytes over the files
 *   - the time a small record (a progress entry) written while the photos are on the link takes to reach the hub
 * Writes bench/results/attachments.json and the "Attachments" section of BENCHMARKS.md (unless --no-write).
 *   npm run bench:attachments                                  # the issue's run: 20 photos of 2 MB over L3 (over an hour)
 *   npm run bench:attachments -- --photos 3 --mb 0.25 --cuts 2 --no-write   # a quick run (a couple of minutes)
 * Options: --photos N (20), --mb M (2), --cuts N random resets (5), --records N written behind the photos (3),
 *          --seed N (7), --no-outages (leave out L3's scheduled drops), --no-write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { dispatch, dispatchAsync } from '../main/contract/dispatch';
import type { Db } from '../main/db/open';
import { openDatabase } from '../main/db/open';
import { blobStoreFor } from '../main/evidence/config';
import { fileGrants } from '../main/evidence/grants';
import type { SendReport } from '../main/evidence/uploader';
import { sendEvidence } from '../main/evidence/uploader';
import { startHub } from '../main/hub';
import { createEnrolment } from '../main/hub/devices';
import { hubBlobStore } from '../main/hub/evidence';
import type { ServiceContext } from '../main/services/context';
import { enrol, syncOnce } from '../main/sync/client';
import { inProgressChallenge } from '../tests/support/flow';
import { LINK_PROFILES, startLink } from '../tests/support/link-emulator';
import type { Org, TestStore } from '../tests/support/store';
import { machineInfo, writeResult, writeSection } from './report';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '20' },
    mb: { type: 'string', default: '2' },
    cuts: { type: 'string', default: '5' },
    records: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    'no-outages': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const PHOTOS = Number(values.photos);
const MB = Number(values.mb);
const CUTS = Number(values.cuts);
const RECORDS = Number(values.records);
const SEED = Number(values.seed);
const OUTAGES = !values['no-outages'];
const writeOut = !values['no-write'];
if (!(PHOTOS >= 1 && MB > 0 && CUTS >= 0 && RECORDS >= 0 && Number.isInteger(SEED))) {
  console.error('usage: --photos N --mb M --cuts N --records N --seed N [--no-outages] [--no-write]');
  process.exit(2);
}

const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-bench-attachments-'));
const profile = LINK_PROFILES.L3;
let seed = SEED;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

function ctxFor(db: Db, actorId: string | null): ServiceContext {
  return { db, actorId, now: () => new Date() };
}
function call<T>(db: Db, actorId: string | null, method: string, input: unknown): T {
  const r = dispatch(ctxFor(db, actorId), method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.messageEn}`);
  return r.value as T;
}

/** A camera-like JPEG of about `bytes` (noise does not compress away), with EXIF time and place. */
async function photo(file: string, bytes: number, n: number): Promise<number> {
  let width = 1600;
  let height = 1200;
  for (let attempt = 0; attempt < 4; attempt++) {
    const raw = Buffer.alloc(width * height * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (Math.imul(i + n * 7919, 2654435761) >>> 24) ^ ((i / 3 / width) & 0xff);
    const data = await sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 88 })
      .withExif({ IFD0: { Make: 'Jiebang', Model: 'Field camera' }, IFD2: { DateTimeOriginal: '2026:03:02 10:20:30', OffsetTimeOriginal: '+08:00' } })
      .toBuffer();
    if (Math.abs(data.length - bytes) / bytes < 0.05 || attempt === 3) {
      fs.writeFileSync(file, data);
      return data.length;
    }
    const scale = Math.sqrt(bytes / data.length);
    width = Math.max(64, Math.round((width * scale) / 8) * 8);
    height = Math.max(48, Math.round((height * scale) / 8) * 8);
  }
  throw new Error('unreachable');
}

async function main() {
  // HQ: an organisation with a dam site on L3 and one challenge in progress there
  const hubFile = path.join(dir, 'hub.sqlite');
  const hq = openDatabase(hubFile);
  const setup = call<{ person: { id: string }; site: { id: string } }>(hq, null, 'setup.initialize', {
    site: { code: 'HQ', name: '集团总部', kind: 'hq', linkProfile: 'L0', timeZone: 'Asia/Shanghai' },
    admin: { name: '管理员', post: '', partyMember: false, partyBranch: null },
  });
  const admin = setup.person.id;
  const person = (name: string, siteId: string, roles: string[]) =>
    call<{ id: string }>(hq, admin, 'people.create', { name, siteId, post: '工程师', partyMember: false, partyBranch: null, roles }).id;
  const dam = call<{ id: string }>(hq, admin, 'sites.create', { code: 'WT', name: '瓦托坝址', kind: 'site', linkProfile: 'L3', timeZone: 'Asia/Shanghai' }).id;
  const org = {
    hqSiteId: setup.site.id,
    damSiteId: dam,
    admin,
    officer: person('王总部', setup.site.id, ['hq_officer']),
    lead: person('李坝址', dam, ['site_lead']),
    member: person('赵队员', dam, ['site_member']),
    witness: person('吴见证', dam, ['site_member']),
  };
  const lead = org.lead;
  // the life cycle up to 攻关中 (published, claimed, appointed, pledge signed, started), as the tests do it
  const today = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const steps = { db: hq, clock: { today }, call: (actor: string | null, method: string, input: unknown) => call(hq, actor, method, input) } as unknown as TestStore;
  const { challengeId } = inProgressChallenge(steps, org as unknown as Org);
  const hub = await startHub({ dbFile: hubFile, port: 0, rateLimitPerMinute: 1_000_000 });
  const hubPort = Number(new URL(hub.url).port);
  const hubStore = hubBlobStore(path.join(dir, 'evidence'));

  // the field device, enrolled over a clean link, then moved behind L3
  // its own folder: a database keeps its evidence beside itself, and the hub's is <dir>/evidence
  fs.mkdirSync(path.join(dir, 'site'));
  const site = openDatabase(path.join(dir, 'site', 'site.sqlite'));
  const direct = await startLink({ target: { host: '127.0.0.1', port: hubPort } });
  await enrol(site, direct.url, createEnrolment(hub.db, { personId: lead, label: 'bench' }).code);
  await syncOnce(site);
  await direct.close();
  call(site, lead, 'session.switchPerson', { personId: lead });
  const entry = call<{ id: string }>(site, lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: '坝肩监测点安装，照片见附件', percent: 40, problems: '', nextSteps: '', safetyNotes: '' }).id;

  // the photos, attached through one-time grants as the app does
  const photosDir = path.join(dir, 'photos');
  fs.mkdirSync(photosDir);
  let originalBytes = 0;
  for (let i = 1; i <= PHOTOS; i++) {
    const file = path.join(photosDir, `IMG_${String(i).padStart(4, '0')}.jpg`);
    originalBytes += await photo(file, MB * 1024 * 1024, i);
    const token = fileGrants.grantPath(file, { maxBytes: Number.MAX_SAFE_INTEGER }).token;
    const attached = await dispatchAsync(ctxFor(site, lead), 'evidence.attach', { token, ownerEntity: 'progress', ownerId: entry });
    if (!attached.ok) throw new Error(attached.error.messageEn);
  }
  const thumbBytes = site.prepare("SELECT coalesce(sum(size), 0) FROM evidence_transfers WHERE direction = 'up' AND kind = 'thumb'").pluck().get() as number;
  const fileBytes = originalBytes + thumbBytes;
  const floorSeconds = (fileBytes * 8) / profile.upBitsPerSec;
  log(`${PHOTOS} photos, ${(originalBytes / 1024 / 1024).toFixed(2)} MiB of originals + ${(thumbBytes / 1024).toFixed(1)} KiB of thumbnails; L3 floor ${(floorSeconds / 60).toFixed(1)} min`);

  // the attachment records go first (they are structured data); the files then go over L3
  const link = await startLink({ target: { host: '127.0.0.1', port: hubPort }, profile: 'L3', seed: SEED });
  site.prepare('UPDATE sync_peer SET hub_url = ?').run(link.url);
  await syncOnce(site, { timeoutMs: 300_000 });
  link.resetStats();
  if (OUTAGES && profile.outages) {
    // the profile's hourly drop; the first one somewhere in the first hour, so a run of an hour and more sees one
    link.scheduleOutages({ ...profile.outages, firstAfterMs: [5 * 60_000, 50 * 60_000] });
  }
  // random resets at random points of the upload (seeded)
  const cutPoints = Array.from({ length: CUTS }, () => Math.floor((0.05 + 0.9 * random()) * fileBytes)).sort((a, b) => a - b);
  let cutsDone = 0;
  void (async () => {
    let at = 0;
    for (const p of cutPoints) {
      await link.cutAfterBytes(Math.max(1, p - at), 'up');
      at = p;
      cutsDone++;
    }
  })();

  // small records written behind the photos at evenly spaced moments of the upload (by the clock, so
  // they land anywhere in a chunk, as a person's entry would)
  const records: { id: string; writtenMs: number; arrivedMs: number | null; fileBytesDone: number }[] = [];
  const done = new Map<string, number>();
  const moved = () => [...done.values()].reduce((a, b) => a + b, 0);
  const started = performance.now();
  const writers = Array.from({ length: RECORDS }, (_, i) =>
    setTimeout(() => {
      const id = call<{ id: string }>(site, lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: `上传途中的日志 ${i + 1}`, percent: 41 + i, problems: '', nextSteps: '', safetyNotes: '' }).id;
      records.push({ id, writtenMs: performance.now(), arrivedMs: null, fileBytesDone: moved() });
      log(`record ${i + 1} written at ${((moved() / fileBytes) * 100).toFixed(0)} % of the files`);
    }, Math.round((((i + 1) / (RECORDS + 1)) * floorSeconds + 0.37 * i) * 1000)),
  );
  const watch = setInterval(() => {
    for (const r of records) {
      if (r.arrivedMs === null && hub.db.prepare('SELECT 1 FROM progress_entries WHERE id = ?').get(r.id)) r.arrivedMs = performance.now();
    }
  }, 50);
  const onProgress = (p: { sha256: string; offset: number }) => done.set(p.sha256, p.offset);

  // the device's loop: send until the queue is empty; after a failure wait as the app's scheduler does
  const total = { sent: 0, alreadyThere: 0, bytesSent: 0, chunks: 0, refusedChunks: 0, runs: 0, failures: 0 };
  let lastLog = 0;
  for (;;) {
    total.runs++;
    try {
      const r: SendReport = await sendEvidence(site, blobStoreFor(site), {
        timeoutMs: 120_000,
        onProgress: (p) => {
          onProgress(p);
          if (performance.now() - lastLog > 60_000) {
            lastLog = performance.now();
            log(`${((moved() / fileBytes) * 100).toFixed(1)} % after ${((performance.now() - started) / 60_000).toFixed(1)} min (${total.failures} failed runs, ${link.stats().cuts} connections cut)`);
          }
        },
      });
      total.sent += r.sent;
      total.alreadyThere += r.alreadyThere;
      total.bytesSent += r.bytesSent;
      total.chunks += r.chunks;
      total.refusedChunks += r.refusedChunks;
      if (r.waiting === 0 && r.failed === 0) break;
      if (r.failed > 0) throw new Error(`${r.failed} file(s) failed`);
    } catch (err) {
      if (err instanceof Error && /file\(s\) failed/.test(err.message)) throw err;
      total.failures++;
      log(`run failed (${err instanceof Error ? err.message.slice(0, 80) : String(err)}); retrying in 5 s`);
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  // a run cut off reports nothing: the queue's own counter has every byte put into a PATCH body
  const bytesIntoPatches = site.prepare("SELECT coalesce(sum(bytes_sent), 0) FROM evidence_transfers WHERE direction = 'up'").pluck().get() as number;
  for (const w of writers) clearTimeout(w);
  // the records written late may still be on their way (the last sync round)
  await syncOnce(site, { timeoutMs: 300_000 }).catch(() => undefined);
  const until = performance.now() + 60_000;
  while (records.some((r) => r.arrivedMs === null) && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
  clearInterval(watch);
  const stats = link.stats();
  await link.close();

  const shas = site.prepare("SELECT sha256 FROM evidence_transfers WHERE direction = 'up'").pluck().all() as string[];
  let verified = 0;
  for (const sha of shas) if (await hubStore.verify(sha)) verified++;
  await hub.close();
  site.close();
  hq.close();

  const resent = bytesIntoPatches - fileBytes;
  const recordSeconds = records.map((r) => (r.arrivedMs === null ? null : Math.round((r.arrivedMs - r.writtenMs) / 100) / 10));
  const result = {
    benchmark: 'attachments',
    date: new Date().toISOString(),
    machine: machineInfo(),
    method:
      'a field device sends its queued evidence (sendEvidence: thumbnails first, tus chunks sized to ~8 s of the link, records synced before each chunk) to an in-process hub through the link emulator at L3; ' +
      'random resets at seeded byte points and L3’s scheduled drops cut the upload; after a failed run the device waits 5 s and resumes where the hub stopped',
    parameters: { photos: PHOTOS, targetMb: MB, cuts: CUTS, records: RECORDS, seed: SEED, outages: OUTAGES, link: { id: profile.id, upBitsPerSec: profile.upBitsPerSec, downBitsPerSec: profile.downBitsPerSec, delayMs: profile.delayMs, lossRate: profile.lossRate } },
    files: { photos: PHOTOS, originalBytes, thumbBytes, fileBytes },
    wallSeconds: Math.round(seconds * 10) / 10,
    floorSeconds: Math.round(floorSeconds * 10) / 10,
    floorRatio: Math.round((seconds / floorSeconds) * 100) / 100,
    cuts: { random: cutsDone, connectionsReset: stats.cuts, failedRuns: total.failures },
    wasted: {
      /**
       * file bytes the device put into PATCH bodies beyond the files' size: a chunk a cut interrupted counts
       * whole, though the hub keeps what arrived and the next run resumes from there — a loose upper bound
       */
      patchBytesOverFiles: resent,
      patchBytesOverFilesPercent: Math.round((resent / fileBytes) * 10000) / 100,
      /** bytes that crossed the link upstream beyond the files' own: the real cost of cuts and protocol together */
      linkBytesOverFiles: stats.bytesUp - fileBytes,
      /** everything that crossed the link upstream beyond the files' bytes: HTTP, tus and sync requests, re-sends */
      linkBytesUp: stats.bytesUp,
      linkOverheadPercent: Math.round((stats.bytesUp / fileBytes - 1) * 10000) / 100,
      linkBytesDown: stats.bytesDown,
    },
    chunksInCompletedRuns: total.chunks,
    refusedChunks: total.refusedChunks,
    verifiedAtHub: `${verified}/${shas.length}`,
    recordsBehindPhotos: records.map((r, i) => ({ writtenAtPercent: Math.round((r.fileBytesDone / fileBytes) * 1000) / 10, secondsToHub: recordSeconds[i] })),
    recordSecondsMax: recordSeconds.every((s) => s !== null) ? Math.max(...(recordSeconds as number[]), 0) : null,
  };
  log(JSON.stringify(result, null, 2));
  if (writeOut) {
    writeResult('attachments', result);
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    const t = (s: number) => (s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`);
    writeSection('## Attachments (bench:attachments)', [
      `Run ${result.date.slice(0, 10)} with \`npm run bench:attachments\` on ${result.machine.cpu}, ${result.machine.cores} cores (load average ${result.machine.loadAverage[0]}); Node ${result.machine.node}. ` +
        `${PHOTOS} photos (${mib(originalBytes)} of originals, ${(thumbBytes / 1024).toFixed(0)} KiB of thumbnails) from a field device to the hub through the link emulator at L3 ` +
        `(64 kbit/s up, ${profile.delayMs}–${profile.delayMs + profile.jitterMs} ms, ${profile.lossRate * 100} % loss${OUTAGES ? ', its hourly 1–2 min drops' : ''}) with ${CUTS} random connection resets. ` +
        'Bytes are counted at the socket by the link emulator. Details: `bench/results/attachments.json`.',
      '',
      '| metric | measured |',
      '|---|---:|',
      `| wall time, first chunk to last file verified | ${t(result.wallSeconds)} |`,
      `| floor: file bytes ÷ 64 kbit/s | ${t(result.floorSeconds)} (×${result.floorRatio}) |`,
      `| connections cut (random resets + drops) / failed runs | ${stats.cuts} / ${total.failures} |`,
      `| bytes wasted: everything that crossed the link upstream beyond the files' own bytes (re-sends after cuts, HTTP, tus and sync requests) | ${(stats.bytesUp - fileBytes).toLocaleString('en')} B (${result.wasted.linkOverheadPercent} % of the files) |`,
      `| a small record written behind the photos, to the hub | ${recordSeconds.map((s) => (s === null ? 'did not arrive' : `${s} s`)).join(', ')} (max ${result.recordSecondsMax ?? '—'} s) |`,
      `| files verified by sha256 at the hub | ${result.verifiedAtHub} |`,
    ]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
