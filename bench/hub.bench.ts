/**
 * bench:hub — 200 devices syncing at once against one hub on this 2-core machine. The hub runs as
 * its own process (`jiebang hub`), the devices in this one, each with its own SQLite file.
 *   no-op sync latency (p50/p95) with all 200 devices syncing concurrently, several rounds each
 *   ingest: every device pushes 500 field changes at once; ops applied per second at the hub
 * Writes bench/results/hub.json and the "Hub" section of BENCHMARKS.md. Numbers are reported, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../main/db/open';
import type { Db } from '../main/db/open';
import { createEnrolment } from '../main/hub/devices';
import { write } from '../main/services/write';
import { enrol, syncOnce } from '../main/sync/client';
import { stats } from './store/measure';
import { freePort, startHubProcess, stopProcess } from '../tests/support/hub-process';
import { machineInfo, writeResult, writeSection } from './report';

const DEVICES = Number(process.env.HUB_BENCH_DEVICES ?? 200);
const NOOP_ROUNDS = 5;
const INGEST_OPS = 500;
const writeOut = !process.argv.includes('--no-write');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-bench-hub-'));
  const hubFile = path.join(dir, 'hub.sqlite');
  const setup = openDatabase(hubFile);
  setup.prepare("INSERT INTO sites (id, code, name, kind) VALUES ('site', 'S', '现场', 'site')").run();
  setup.prepare("INSERT INTO people (id, name, site_id, roles, active) VALUES ('hq', '总部', 'site', '[\"hq_officer\"]', 1)").run();
  setup.prepare("INSERT INTO challenges (id, title, site_id, status) VALUES ('c', '榜题', 'site', 'in_progress')").run();
  const codes = Array.from({ length: DEVICES }, (_, i) => createEnrolment(setup, { personId: 'hq', label: `d${i}` }).code);
  setup.close();

  const port = await freePort();
  const hub = await startHubProcess(hubFile, port);
  const url = `http://127.0.0.1:${port}`;
  try {
    const devices: Db[] = [];
    for (const [i, code] of codes.entries()) {
      const db = openDatabase(path.join(dir, `device-${i}.sqlite`));
      await enrol(db, url, code);
      devices.push(db);
    }
    await Promise.all(devices.map((db) => syncOnce(db)));
    log(`[hub] ${DEVICES} devices enrolled and synced`);

    // all devices online together, each syncing again after a random pause (0–2 s): ~100 rounds/s offered
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const latencies: number[] = [];
    await Promise.all(
      devices.map(async (db) => {
        await sleep(Math.random() * 2_000);
        for (let round = 0; round < NOOP_ROUNDS; round++) {
          const t = performance.now();
          await syncOnce(db);
          latencies.push(performance.now() - t);
          await sleep(Math.random() * 2_000);
        }
      }),
    );
    const noop = stats(latencies);
    // the worst case too: every device at the same instant
    const burst: number[] = [];
    await Promise.all(
      devices.map(async (db) => {
        const t = performance.now();
        await syncOnce(db);
        burst.push(performance.now() - t);
      }),
    );
    const burstStats = stats(burst);
    log(`[hub] no-op sync, ${DEVICES} devices online: p50 ${noop.p50} ms, p95 ${noop.p95} ms; all at one instant: p95 ${burstStats.p95} ms`);

    const actor = { id: 'hq', name: '总部', siteId: 'site', roles: ['hq_officer'] as const };
    for (const db of devices) {
      const ctx = { db, actorId: 'hq', now: () => new Date() };
      write(ctx, 'bench', { ...actor, roles: [...actor.roles] }, (w) => {
        for (let i = 0; i < INGEST_OPS; i++) w.put('challenge', 'c', { statusReason: `现场说明 ${i}` });
      });
    }
    // one round each: the push (500 ops) and a token pull, so this measures ingest, not the fan-out
    // of every device then pulling everyone else's 99,500 ops
    const started = performance.now();
    await Promise.all(devices.map((db) => syncOnce(db, { batchBytes: 1_000_000, pullBudget: 1_000, maxRounds: 1 })));
    const seconds = (performance.now() - started) / 1000;
    const opsPerSec = Math.round((DEVICES * INGEST_OPS) / seconds);
    log(`[hub] ingest: ${DEVICES * INGEST_OPS} ops from ${DEVICES} devices in ${seconds.toFixed(1)} s → ${opsPerSec} ops/s`);
    for (const db of devices) db.close();

    const result = {
      benchmark: 'hub',
      date: new Date().toISOString(),
      machine: machineInfo(),
      devices: DEVICES,
      hubNoopP50Ms: noop.p50,
      hubNoopP95Ms: noop.p95,
      noop,
      burst: burstStats,
      hubIngestOpsPerSec: opsPerSec,
      ingest: { ops: DEVICES * INGEST_OPS, seconds: Math.round(seconds * 10) / 10 },
      targets: { hubNoopP95Ms: 50 },
    };
    if (writeOut) {
      writeResult('hub', result);
      writeSection('## Hub (bench:hub)', [
        `Run ${result.date.slice(0, 10)} with \`npm run bench:hub\` on ${result.machine.cpu}, ${result.machine.cores} cores (load average ${result.machine.loadAverage[0]}). ` +
          `The hub is its own process; the ${DEVICES} devices share the other core in the bench process, so latencies include the clients' own work.`,
        '',
        '| metric | measured | target | met |',
        '|---|---:|---:|---|',
        `| no-op sync, ${DEVICES} devices online (each every 0–2 s) | p50 ${noop.p50} ms, p95 ${noop.p95} ms | p95 ≤ 50 ms | ${noop.p95 <= 50 ? 'yes' : '**no**'} |`,
        `| no-op sync, all ${DEVICES} at the same instant | p50 ${burstStats.p50} ms, p95 ${burstStats.p95} ms | — | — |`,
        `| ingest, ${DEVICES} × ${INGEST_OPS} field changes at once | ${opsPerSec} ops/s | — | — |`,
      ]);
    }
  } finally {
    await stopProcess(hub);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
