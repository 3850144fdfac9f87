/**
 * bench:sync — what sync costs on the wire and how fast it converges over a thin satellite link,
 * through the link emulator (bytes counted at the socket, HTTP headers included).
 *   B1  bytes per changed field for batches of 1, 10, 100 and 1,000 field updates; a no-op sync
 *   B2  10,000 field changes at a site and 2,000 at HQ over L3 (256/64 kbit/s, ~375 ms): time to identical
 * Writes bench/results/sync.json and the "Sync" section of BENCHMARKS.md. Numbers are reported, never asserted.
 *   npm run bench:sync [-- --no-write]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHub } from '../main/hub';
import { createEnrolment } from '../main/hub/devices';
import type { Db } from '../main/db/open';
import { openDatabase } from '../main/db/open';
import type { Actor } from '../main/domain/authority';
import type { ServiceContext } from '../main/services/context';
import { write } from '../main/services/write';
import { canonicalStateHash } from '../main/sync/canonical';
import { enrol, syncOnce } from '../main/sync/client';
import { dispatch } from '../main/contract/dispatch';
import { LINK_PROFILES, startLink } from '../tests/support/link-emulator';
import { machineInfo, writeResult, writeSection } from './report';

const writeOut = !process.argv.includes('--no-write');
const log = (line: string) => process.stderr.write(`${line}\n`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-bench-sync-'));

function ctxFor(db: Db, actorId: string): ServiceContext {
  return { db, actorId, now: () => new Date() };
}
function call(db: Db, actorId: string, method: string, input: unknown): unknown {
  const r = dispatch(ctxFor(db, actorId), method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.messageEn}`);
  return r.value;
}
function actorOf(db: Db, id: string): Actor {
  const p = db.prepare('SELECT id, name, site_id, roles FROM people WHERE id = ?').get(id) as { id: string; name: string; site_id: string; roles: string };
  return { id: p.id, name: p.name, siteId: p.site_id, roles: JSON.parse(p.roles) as Actor['roles'] };
}

/** n single-field updates, each its own write (one field op each, no event), on one challenge. */
function fieldUpdates(db: Db, actorId: string, challengeId: string, n: number, tag: string): void {
  const actor = actorOf(db, actorId);
  for (let i = 0; i < n; i++) {
    write(ctxFor(db, actorId), 'bench', actor, (w) => w.put('challenge', challengeId, { statusReason: `${tag} 第${i}次现场说明：坝肩监测点读数正常` }));
  }
}

async function main() {
  // HQ's hub with an organisation and one challenge in progress at the dam
  const hubFile = path.join(dir, 'hub.sqlite');
  const hq = openDatabase(hubFile);
  const s = (id: string | null, method: string, input: unknown) => call(hq, id ?? '', method, input) as Record<string, unknown>;
  const setup = dispatch({ db: hq, actorId: null, now: () => new Date() }, 'setup.initialize', {
    site: { code: 'HQ', name: '集团总部', kind: 'hq', linkProfile: 'L0', timeZone: 'Asia/Shanghai' },
    admin: { name: '管理员', post: '', partyMember: false, partyBranch: null },
  });
  if (!setup.ok) throw new Error(setup.error.messageEn);
  const admin = ((setup.value as { person: { id: string } }).person).id;
  const hqSite = ((setup.value as { site: { id: string } }).site).id;
  const dam = s(admin, 'sites.create', { code: 'WT', name: '瓦托坝址', kind: 'site', linkProfile: 'L3', timeZone: 'Asia/Shanghai' }).id as string;
  const officer = s(admin, 'people.create', { name: '总部', siteId: hqSite, post: '', partyMember: false, partyBranch: null, roles: ['hq_officer'] }).id as string;
  const lead = s(admin, 'people.create', { name: '坝址', siteId: dam, post: '', partyMember: false, partyBranch: null, roles: ['site_lead', 'hq_officer'] }).id as string;
  const board = s(officer, 'boards.create', { title: '榜', source: 'superior', issuerSiteId: hqSite, periodStart: '2026-01-01', periodEnd: '2026-12-31' }).id as string;
  const challenge = s(officer, 'challenges.create', { boardId: board, parentId: null, code: '', title: '大坝安全监测', category: 'safety', deadline: '2026-12-01', teamMode: 'solo', required: true, siteId: dam, kpis: [] }).id as string;
  const hub = await startHub({ dbFile: hubFile, port: 0, rateLimitPerMinute: 1_000_000 });
  const hubPort = Number(new URL(hub.url).port);

  const site = openDatabase(path.join(dir, 'site.sqlite'));
  const direct = await startLink({ target: { host: '127.0.0.1', port: hubPort } });
  await enrol(site, direct.url, createEnrolment(hub.db, { personId: lead, label: 'bench' }).code);
  await syncOnce(site);
  await direct.close();

  // B1: wire cost per changed field, and a sync with nothing to do
  const bytesPerField: Record<string, { bytes: number; rounds: number; perField: number }> = {};
  for (const n of [1, 10, 100, 1000]) {
    fieldUpdates(site, lead, challenge, n, `B1-${n}`);
    const link = await startLink({ target: { host: '127.0.0.1', port: hubPort } });
    site.prepare('UPDATE sync_peer SET hub_url = ?').run(link.url);
    const report = await syncOnce(site, { batchBytes: 1_000_000 });
    const { bytesUp, bytesDown } = link.stats();
    await link.close();
    bytesPerField[n] = { bytes: bytesUp + bytesDown, rounds: report.rounds, perField: Math.round(((bytesUp + bytesDown) / n) * 10) / 10 };
    log(`[B1] ${n} field updates: ${bytesUp + bytesDown} B at the socket in ${report.rounds} round(s) → ${bytesPerField[n]!.perField} B per field`);
  }
  const idleLink = await startLink({ target: { host: '127.0.0.1', port: hubPort } });
  site.prepare('UPDATE sync_peer SET hub_url = ?').run(idleLink.url);
  const idle = await syncOnce(site);
  const idleStats = idleLink.stats();
  await idleLink.close();
  const noopBytes = idleStats.bytesUp + idleStats.bytesDown;
  log(`[B1] no-op sync: ${noopBytes} B, ${idle.rounds} round trip(s), ${idleStats.connections} connection(s)`);

  // B2: 10,000 changes at the site and 2,000 at HQ over L3
  fieldUpdates(site, lead, challenge, 10_000, 'B2-site');
  fieldUpdates(hq, officer, challenge, 2_000, 'B2-hq');
  const l3 = await startLink({ target: { host: '127.0.0.1', port: hubPort }, profile: 'L3' });
  site.prepare('UPDATE sync_peer SET hub_url = ?').run(l3.url);
  const started = performance.now();
  const b2 = await syncOnce(site, { batchBytes: 400_000, pullBudget: 400_000, timeoutMs: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const l3Stats = l3.stats();
  await l3.close();
  const identical = canonicalStateHash(site) === canonicalStateHash(hub.db);
  const profile = LINK_PROFILES.L3;
  const rttSeconds = (2 * profile.delayMs) / 1000;
  const floor = (l3Stats.bytesUp * 8) / profile.upBitsPerSec + (l3Stats.bytesDown * 8) / profile.downBitsPerSec + b2.rounds * rttSeconds;
  log(`[B2] L3: ${seconds.toFixed(1)} s, ${b2.rounds} rounds, up ${l3Stats.bytesUp} B, down ${l3Stats.bytesDown} B; floor ${floor.toFixed(1)} s → ×${(seconds / floor).toFixed(2)}; identical: ${identical}`);
  await hub.close();
  site.close();
  hq.close();

  const at100 = Math.max(bytesPerField[100]!.perField, bytesPerField[1000]!.perField);
  const result = {
    benchmark: 'sync',
    date: new Date().toISOString(),
    machine: machineInfo(),
    method: 'bytes at the socket through the link emulator (HTTP headers and zstd-compressed bodies included); each field update is its own local write',
    bytesPerField: Object.fromEntries(Object.entries(bytesPerField).map(([k, v]) => [k, v.perField])),
    details: bytesPerField,
    noopBytes,
    noopRoundTrips: idle.rounds,
    convergeL3Seconds: Math.round(seconds * 10) / 10,
    convergeL3FloorSeconds: Math.round(floor * 10) / 10,
    convergeL3FloorRatio: Math.round((seconds / floor) * 100) / 100,
    convergeL3: { rounds: b2.rounds, bytesUp: l3Stats.bytesUp, bytesDown: l3Stats.bytesDown, identical, siteFieldChanges: 10_000, hqFieldChanges: 2_000 },
    targets: { bytesPerFieldAt100: 60, noopBytes: 600, noopRoundTrips: 1, convergeL3FloorRatio: 2 },
  };
  if (writeOut) {
    writeResult('sync', result);
    const met = (ok: boolean) => (ok ? 'yes' : '**no**');
    writeSection('## Sync (bench:sync)', [
      `Run ${result.date.slice(0, 10)} with \`npm run bench:sync\` on ${result.machine.cpu}, ${result.machine.cores} cores (load average ${result.machine.loadAverage[0]}); Node ${result.machine.node}. ` +
        'Bytes are counted at the socket by the link emulator, HTTP headers included; bodies are zstd-compressed JSON. Details: `bench/results/sync.json`.',
      '',
      '| metric | measured | target | met |',
      '|---|---:|---:|---|',
      ...[1, 10, 100, 1000].map((n) => `| bytes per changed field, batch of ${n} | ${bytesPerField[n]!.perField} B | ${n >= 100 ? '≤ 60 B' : '—'} | ${n >= 100 ? met(bytesPerField[n]!.perField <= 60) : '—'} |`),
      `| no-op sync | ${noopBytes} B, ${idle.rounds} round trip | ≤ 600 B, 1 | ${met(noopBytes <= 600 && idle.rounds === 1)} |`,
      `| L3: 10,000 site + 2,000 HQ changes to identical | ${result.convergeL3Seconds} s (${b2.rounds} rounds; floor ${result.convergeL3FloorSeconds} s) | ≤ 2× floor | ${met(result.convergeL3FloorRatio <= 2)} (×${result.convergeL3FloorRatio}) |`,
    ]);
  }
  log(`[report] bytes per field at ≥100: ${at100} B`);
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
