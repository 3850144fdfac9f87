/**
 * bench:store — how the local store holds up at the size of a large enterprise's history:
 * 100,000 challenges on ~100 boards and 1,000,000 攻关日志 entries, with all their sync ops and
 * events, built through the real op applier. Measures the board view, the challenge detail,
 * search (trigram and the LIKE fallback) and one service write, and writes
 * bench/results/store.json and the "Store" section of BENCHMARKS.md.
 *
 *   npm run bench:store                      full size (scale 1): ~15 min to build on 2 cores
 *   npm run bench:store -- --scale 0.01      quick run (1,000 challenges, 10,000 entries)
 *   --open-check          also time openDatabase, whose PRAGMA integrity_check reads the whole file
 *   --verify              replay the built store's op log through OpApplier into an empty store and
 *                         compare (proves the sharded build equals what its ops produce; slow at scale 1)
 *   --db FILE --keep      build into FILE and keep it; --db FILE --reuse measures it again without a build
 *   --shards 1|2          builder threads (default: 2 on a machine with 2+ cores)
 *   --no-write            print the results without touching bench/results or BENCHMARKS.md
 *
 * Numbers are reported, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dispatch } from '../main/contract/dispatch';
import type { Db } from '../main/db/open';
import { openDatabase } from '../main/db/open';
import type { ServiceContext } from '../main/services/context';
import { canonicalStateHash } from '../main/sync/canonical';
import { OpApplier, readOps } from '../main/sync/oplog';
import { loadReplica } from '../main/sync/replica';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { BuildCounts, BuildProgress } from './store/build';
import { addCounts, mergeShard } from './store/build';
import type { ShardJob } from './store/shard-worker';
import type { Stats } from './store/measure';
import { run, stats } from './store/measure';
import { Rng, SEARCH_TERMS, text } from './store/words';
import { machineInfo, repoRoot, writeResult, writeSection } from './report';


interface Args {
  scale: number;
  db: string | null;
  keep: boolean;
  reuse: boolean;
  write: boolean;
  seed: number;
  shards: number;
  openCheck: boolean;
  verify: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scale: 1, db: null, keep: false, reuse: false, write: true, seed: 20260301, shards: Math.min(2, os.cpus().length), openCheck: false, verify: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scale') args.scale = Number(value());
    else if (a.startsWith('--scale=')) args.scale = Number(a.slice(8));
    else if (a === '--db') args.db = value();
    else if (a === '--keep') args.keep = true;
    else if (a === '--reuse') args.reuse = true;
    else if (a === '--no-write') args.write = false;
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--shards') args.shards = Math.min(2, Math.max(1, Math.floor(Number(value()))));
    else if (a === '--open-check') args.openCheck = true;
    else if (a === '--verify') args.verify = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(args.scale > 0 && args.scale <= 10)) throw new Error('--scale must be in (0, 10]');
  return args;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

/** Build-only settings, restored before anything is measured (openDatabase reopens with the app's pragmas). */
const BUILD_PRAGMAS = ['synchronous = OFF', 'cache_size = -2000000', 'temp_store = MEMORY'];

interface Metric extends Stats {
  targetP95Ms: number | null;
  met: boolean | null;
  note: string;
}

function metric(samples: number[], targetP95Ms: number | null, note: string): Metric {
  const s = stats(samples);
  return { ...s, targetP95Ms, met: targetP95Ms === null ? null : s.p95 <= targetP95Ms, note };
}

/** Runs one builder thread per shard and reports their combined progress every few seconds. */
async function buildShards(file: string, args: Args, nowMs: number, t0: number): Promise<{ counts: BuildCounts; shardSeconds: number[] }> {
  const shardSeconds: number[] = [];
  const latest: (BuildProgress | null)[] = Array.from({ length: args.shards }, () => null);
  let lastOps = 0;
  let lastT = t0;
  const print = (phase: string) => {
    const t = performance.now();
    const sum = latest.reduce(
      (a, p) => (p ? { ...a, challenges: a.challenges + p.challenges, entries: a.entries + p.progressEntries, ops: a.ops + p.ops } : a),
      { challenges: 0, entries: 0, ops: 0 },
    );
    const total = latest.find((p) => p) ?? { challengesTotal: 0, progressTotal: 0 };
    const rate = ((sum.ops - lastOps) / Math.max(1, t - lastT)) * 1000;
    lastOps = sum.ops;
    lastT = t;
    log(
      `[build] ${phase}: ${fmt(sum.challenges)}/${fmt(total.challengesTotal)} challenges · ${fmt(sum.entries)}/${fmt(total.progressTotal)} entries · ` +
        `${(sum.ops / 1e6).toFixed(1)} M ops applied · ${fmt(rate)} ops/s now · ` +
        `${fmt((sum.challenges + sum.entries) / ((t - t0) / 1000))} rows/s · ${((t - t0) / 1000).toFixed(0)} s`,
    );
  };
  const timer = setInterval(() => print('applying'), 5000);
  try {
    const results = await Promise.all(
      Array.from({ length: args.shards }, (_, shard) => {
        const job: ShardJob = {
          file: shard === 0 ? file : `${file}.shard${shard}`,
          create: shard !== 0,
          pragmas: BUILD_PRAGMAS,
          scale: args.scale,
          seed: args.seed,
          now: nowMs,
          applyOps: 50_000,
          commitOps: 1_000_000,
          shard,
          shards: args.shards,
        };
        return new Promise<BuildCounts>((resolve, reject) => {
          const worker = new Worker(new URL('./store/shard-worker.ts', import.meta.url), { workerData: job });
          worker.on('message', (m: { type: 'progress'; progress: BuildProgress } | { type: 'done'; counts: BuildCounts }) => {
            if (m.type === 'progress') {
              latest[shard] = m.progress;
            } else {
              shardSeconds[shard] = Math.round((performance.now() - t0) / 100) / 10;
              log(`[build] builder ${shard} finished after ${shardSeconds[shard]} s (${fmt(m.counts.ops)} ops)`);
              resolve(m.counts);
            }
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`builder ${shard} exited with ${code}`));
          });
        });
      }),
    );
    print('applied');
    return { counts: results.reduce((a, b) => addCounts(a, b)), shardSeconds };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const tmp = args.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-bench-'));
  const file = args.db ?? path.join(tmp as string, 'store.sqlite');
  const nowMs = Date.now();
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const cleanup = () => {
    if (tmp && !args.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', cleanup);

  // ── build ──
  let counts: BuildCounts | null = null;
  let buildSeconds: number | null = null;
  let shardSeconds: number[] = [];
  let mergeSeconds: number | null = null;
  if (args.reuse) {
    if (!fs.existsSync(file)) throw new Error('--reuse: the --db file does not exist');
    log(`[build] reusing an existing store (${fmt(fs.statSync(file).size / 1e6)} MB)`);
  } else {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    log(
      `[build] scale ${args.scale}: ${fmt(100_000 * args.scale)} challenges, ${fmt(1_000_000 * args.scale)} progress entries, ` +
        `${args.shards} builder thread(s)`,
    );
    const t0 = performance.now();
    // the store itself is created and migrated by the app's own code
    const created = openDatabase(file);
    loadReplica(created, nowMs);
    created.close();
    ({ counts, shardSeconds } = await buildShards(file, args, nowMs, t0));
    const tMerge = performance.now();
    const merged = new Database(file);
    for (const p of BUILD_PRAGMAS) merged.pragma(p);
    for (let k = 1; k < args.shards; k++) {
      const shardFile = `${file}.shard${k}`;
      mergeShard(merged, shardFile, log);
      for (const f of [shardFile, `${shardFile}-wal`, `${shardFile}-shm`]) fs.rmSync(f, { force: true });
    }
    merged.pragma('wal_checkpoint(TRUNCATE)');
    merged.close();
    mergeSeconds = (performance.now() - tMerge) / 1000;
    buildSeconds = (performance.now() - t0) / 1000;
    log(`[build] done in ${buildSeconds.toFixed(1)} s: ${fmt(counts.ops)} ops, ${fmt(counts.events)} events`);
  }
  const dbBytes = fs.statSync(file).size;
  const verified = args.verify ? verifyByReplay(file) : null;

  // ── open with the app's settings. openDatabase runs PRAGMA integrity_check on every open, which
  // reads the whole file (minutes at full size), so it is timed only with --open-check; otherwise
  // the store is opened with the same pragmas openDatabase sets (main/db/open.ts applyPragmas).
  const tOpen = performance.now();
  let db: Db;
  if (args.openCheck) {
    db = openDatabase(file);
  } else {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
  }
  const openMs = args.openCheck ? performance.now() - tOpen : null;
  if (openMs !== null) log(`[open] openDatabase (with its integrity check) on the ${fmt(dbBytes / 1e6)} MB store: ${ms(openMs)}`);
  const sizes = tableSizes(db);

  const ctx: ServiceContext = { db, actorId: null, now: () => new Date() };
  const call = (actorId: string | null, method: string, payload: unknown): unknown => {
    ctx.actorId = actorId;
    const result = dispatch(ctx, method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const rng = new Rng(args.seed + 1);
  const officer = db.prepare("SELECT id FROM people WHERE roles LIKE '%hq_officer%' LIMIT 1").pluck().get() as string;

  // ── board view ──
  const boards = db
    .prepare('SELECT board_id AS id, count(*) AS n FROM challenges GROUP BY board_id ORDER BY board_id')
    .all() as { id: string; n: number }[];
  const boardSamples = run((i) => {
    call(officer, 'boards.view', { id: (boards[i % boards.length] as { id: string }).id });
  }, { warmup: 20, iterations: 300 });
  const boardSizes = boards.map((b) => b.n);
  log(`[measure] boards.view: ${boards.length} boards of ${Math.min(...boardSizes)}–${Math.max(...boardSizes)} challenges`);

  // ── challenge detail ──
  const maxRowid = db.prepare('SELECT max(rowid) FROM challenges').pluck().get() as number;
  const challengeIds = Array.from({ length: 500 }, () =>
    db.prepare('SELECT id FROM challenges WHERE rowid >= ? ORDER BY rowid LIMIT 1').pluck().get(rng.int(1, maxRowid)) as string,
  );
  const detailSamples = run((i) => {
    call(officer, 'challenges.get', { id: challengeIds[i % challengeIds.length] });
  }, { warmup: 20, iterations: 500 });
  // the heaviest detail: the challenge with the longest timeline
  const busiest = db
    .prepare('SELECT challenge_id FROM progress_entries GROUP BY challenge_id ORDER BY count(*) DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  const busiestTimeline = busiest ? (db.prepare('SELECT count(*) FROM events WHERE challenge_id = ?').pluck().get(busiest) as number) : 0;
  const busiestSamples = busiest ? run(() => void call(officer, 'challenges.get', { id: busiest }), { warmup: 5, iterations: 50 }) : [];

  // ── search ──
  const ftsTerms: { group: string; text: string }[] = [];
  for (const group of ['common', 'mid', 'tail', 'rare', 'absent', 'multi'] as const) {
    for (const t of SEARCH_TERMS[group]) ftsTerms.push({ group, text: t });
  }
  const hitCounts: Record<string, number> = {};
  const perTerm = new Map<string, number[]>();
  const searchSamples = run((i) => {
    const term = ftsTerms[i % ftsTerms.length] as { group: string; text: string };
    const t0 = performance.now();
    const hits = call(officer, 'search.query', { text: term.text }) as unknown[];
    const dt = performance.now() - t0;
    hitCounts[term.text] = hits.length;
    const list = perTerm.get(term.text) ?? [];
    list.push(dt);
    perTerm.set(term.text, list);
  }, { warmup: ftsTerms.length, iterations: Math.max(300, ftsTerms.length * 8) });
  const byGroup: Record<string, Stats> = {};
  for (const group of ['common', 'mid', 'tail', 'rare', 'absent', 'multi']) {
    byGroup[group] = stats(ftsTerms.filter((t) => t.group === group).flatMap((t) => perTerm.get(t.text) ?? []));
  }
  const slowestTerms = [...perTerm.entries()]
    .map(([term, s]) => ({ term, hits: hitCounts[term] ?? 0, ...stats(s) }))
    .sort((a, b) => b.p95 - a.p95)
    .slice(0, 5);
  const likeTerms = [...SEARCH_TERMS.short, ...SEARCH_TERMS.shortAbsent];
  const likeHits: Record<string, number> = {};
  const likePerTerm = new Map<string, number[]>();
  const likeSamples = run((i) => {
    const t = likeTerms[i % likeTerms.length] as string;
    const t0 = performance.now();
    likeHits[t] = (call(officer, 'search.query', { text: t }) as unknown[]).length;
    const list = likePerTerm.get(t) ?? [];
    list.push(performance.now() - t0);
    likePerTerm.set(t, list);
  }, { warmup: likeTerms.length, iterations: likeTerms.length * 10, maxSeconds: 45, minIterations: likeTerms.length * 2 });
  const likeByGroup = {
    common: stats(SEARCH_TERMS.short.flatMap((t) => likePerTerm.get(t) ?? [])),
    absent: stats(SEARCH_TERMS.shortAbsent.flatMap((t) => likePerTerm.get(t) ?? [])),
  };

  // ── one service write: progress.add by a site member on an in_progress challenge of their site ──
  const writers = db
    .prepare(
      `SELECT c.id AS challenge_id, (SELECT p.id FROM people p WHERE p.site_id = c.site_id AND p.roles LIKE '%site_member%' LIMIT 1) AS person_id
       FROM challenges c WHERE c.status = 'in_progress' AND c.site_id IS NOT NULL LIMIT 200`,
    )
    .all() as { challenge_id: string; person_id: string }[];
  const today = new Date().toISOString().slice(0, 10);
  const opsBefore = db.prepare('SELECT max(log_id) FROM sync_ops').pluck().get() as number;
  const writeSamples = run((i) => {
    const w = writers[i % writers.length] as { challenge_id: string; person_id: string };
    call(w.person_id, 'progress.add', {
      challengeId: w.challenge_id, date: today, workDone: text.workDone(rng), percent: rng.int(1, 99), problems: text.problems(rng),
      nextSteps: text.nextSteps(rng), safetyNotes: text.safetyNotes(rng),
    });
  }, { warmup: 50, iterations: 1000 });
  const writeOps = ((db.prepare('SELECT max(log_id) FROM sync_ops').pluck().get() as number) - opsBefore) / (1050);

  // ── other read models the UI polls (informational, no target) ──
  const dashboardSamples = run(() => void call(officer, 'dashboard.get', {}), { warmup: 2, iterations: 20, maxSeconds: 20, minIterations: 3 });
  const syncSamples = run(() => void call(officer, 'sync.status', {}), { warmup: 2, iterations: 20, maxSeconds: 20, minIterations: 3 });

  const metrics = {
    'boards.view (board of ~1,000)': metric(boardSamples, 20, `${boards.length} boards of ${Math.min(...boardSizes)}–${Math.max(...boardSizes)} challenges, rotated`),
    'challenges.get': metric(detailSamples, null, `${challengeIds.length} random challenges, rotated`),
    'challenges.get (longest timeline)': metric(busiestSamples, null, `the challenge with the most 攻关日志: ${busiestTimeline} timeline events`),
    'search.query (3+ chars, trigram)': metric(searchSamples, 50, `${ftsTerms.length} terms: common, mid, tail, rare, absent, two-term`),
    'search.query (1–2 chars, LIKE fallback)': metric(likeSamples, null, `${likeTerms.length} terms of 1–2 characters: ${SEARCH_TERMS.short.length} common, ${SEARCH_TERMS.shortAbsent.length} absent (full scans)`),
    'progress.add (write + event + ops)': metric(writeSamples, 2, `through dispatch as a site member; ${writeOps.toFixed(1)} ops per write`),
    'dashboard.get': metric(dashboardSamples, null, 'whole store, no site filter'),
    'sync.status': metric(syncSamples, null, 'counts pending ops'),
  };
  db.close();

  // ── report ──
  const { loadAverage, ...facts } = machineInfo();
  const machine = {
    ...facts,
    betterSqlite3: (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string }).version,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadAverage,
  };
  const result = {
    benchmark: 'store',
    date: new Date().toISOString(),
    scale: args.scale,
    flags: [args.scale === 1 ? '' : `--scale ${args.scale}`, args.openCheck ? '--open-check' : '', args.verify ? '--verify' : '', args.reuse ? '--reuse' : '']
      .filter(Boolean)
      .join(' '),
    machine,
    sizes: { ...(counts ?? {}), tables: sizes, databaseBytes: dbBytes },
    build: {
      seconds: buildSeconds === null ? null : Math.round(buildSeconds * 10) / 10,
      opsPerSecond: buildSeconds && counts ? Math.round(counts.ops / buildSeconds) : null,
      method:
        'field ops generated per service write (the shape Change.put/event/transition produce) and applied with new OpApplier(db).apply(ops), ' +
        `50,000 ops per apply, 1,000,000 ops per transaction, in ${args.shards} builder thread(s) each building whole boards into its own file; ` +
        'the shards are then appended to the store with INSERT … SELECT (the search-index triggers index the appended rows)',
      shards: args.shards,
      builderSeconds: shardSeconds,
      mergeSeconds: mergeSeconds === null ? null : Math.round(mergeSeconds * 10) / 10,
      buildOnlyPragmas: BUILD_PRAGMAS,
    },
    openDatabaseMs: openMs === null ? null : Math.round(openMs),
    verifiedByReplay: verified,
    metrics,
    search: { byGroup, slowestTerms, hits: hitCounts, likeByGroup, likeHits },
  };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (args.write) {
    writeResult('store', result);
    writeMarkdown(result, metrics, sizes);
    log('[report] wrote bench/results/store.json and BENCHMARKS.md');
  }
  printTable(metrics);
  if (!args.write) process.stdout.write(json);
  if (args.keep || args.db) log(`[db] kept at ${file}`);
}

/**
 * Replays the store's whole op log, in log order, through OpApplier into an empty store and
 * compares the replicated state (canonicalStateHash) and the field clocks: equal means the built
 * store is exactly what applying its own ops produces — what sync would build from them.
 */
function verifyByReplay(file: string): boolean {
  const t0 = performance.now();
  const replayFile = `${file}.replay`;
  for (const f of [replayFile, `${replayFile}-wal`, `${replayFile}-shm`]) fs.rmSync(f, { force: true });
  const source = new Database(file, { readonly: true });
  const target = openDatabase(replayFile);
  for (const p of BUILD_PRAGMAS) target.pragma(p);
  const applier = new OpApplier(target);
  target.transaction(() => applier.apply(readOps(source)))();
  const clocks = (d: Db) => {
    const hash = createHash('sha256');
    for (const row of d.prepare('SELECT entity, row_id, field, hlc FROM field_clocks ORDER BY entity, row_id, field').raw().iterate()) {
      hash.update(`${JSON.stringify(row)}\n`);
    }
    return hash.digest('hex');
  };
  const same = canonicalStateHash(source) === canonicalStateHash(target) && clocks(source) === clocks(target);
  source.close();
  target.close();
  for (const f of [replayFile, `${replayFile}-wal`, `${replayFile}-shm`]) fs.rmSync(f, { force: true });
  log(`[verify] op log replayed through OpApplier into an empty store: ${same ? 'identical state and field clocks' : 'DIFFERENT'} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (!same) throw new Error('the built store differs from the replay of its own op log');
  return same;
}

function tableSizes(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['sites', 'people', 'teams', 'boards', 'challenges', 'claims', 'appointments', 'pledges', 'signatures', 'milestones', 'progress_entries', 'acceptances', 'assessments', 'cases', 'events', 'sync_ops', 'field_clocks']) {
    out[t] = t === 'sync_ops'
      ? (db.prepare('SELECT max(log_id) FROM sync_ops').pluck().get() as number)
      : (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number);
  }
  return out;
}

function printTable(metrics: Record<string, Metric>): void {
  const rows = Object.entries(metrics).map(([name, m]) =>
    `${name.padEnd(42)} p50 ${ms(m.p50).padStart(10)}  p95 ${ms(m.p95).padStart(10)}  p99 ${ms(m.p99).padStart(10)}  max ${ms(m.max).padStart(10)}  n=${m.iterations}` +
    (m.targetP95Ms === null ? '' : `  target ≤ ${m.targetP95Ms} ms: ${m.met ? 'met' : 'MISSED'}`),
  );
  log(rows.join('\n'));
}

interface ReportHead {
  date: string;
  flags: string;
  machine: Record<string, unknown>;
  build: { seconds: number | null; shards: number; buildOnlyPragmas: string[] };
  openDatabaseMs: number | null;
  sizes: { databaseBytes: number };
}

function writeMarkdown(result: ReportHead, metrics: Record<string, Metric>, sizes: Record<string, number>): void {
  const m = result.machine;
  const load = (x: unknown) => (Array.isArray(x) ? String(x[0]) : '?');
  const lines = [
    `Run ${result.date.slice(0, 10)} with \`npm run bench:store${result.flags ? ` -- ${result.flags}` : ''}\`. ` +
      `Machine: ${String(m.cpu)}, ${String(m.cores)} cores, ${String(m.memoryGb)} GB, ${String(m.platform)}; Node ${String(m.node)}, ` +
      `SQLite ${String(m.sqlite)} (better-sqlite3 ${String(m.betterSqlite3)}). The machine was shared: load average ` +
      `${load(m.loadAverageAtStart)} at the start, ${load(m.loadAverageAtEnd)} at the end.`,
    '',
    `Store: ${fmt(sizes.challenges ?? 0)} challenges on ${fmt(sizes.boards ?? 0)} boards, ${fmt(sizes.progress_entries ?? 0)} progress entries, ` +
      `${fmt(sizes.milestones ?? 0)} milestones, ${fmt(sizes.pledges ?? 0)} pledges, ${fmt(sizes.people ?? 0)} people, ${fmt(sizes.sites ?? 0)} sites, ` +
      `${fmt(sizes.events ?? 0)} events, ${fmt(sizes.sync_ops ?? 0)} sync ops, ${fmt(sizes.field_clocks ?? 0)} field clocks; ` +
      `${(result.sizes.databaseBytes / 1e9).toFixed(2)} GB on disk.`,
    '',
    (result.build.seconds === null
      ? 'Build: an existing store was reused.'
      : `Build: ${result.build.seconds.toFixed(0)} s. Every row is made of field ops applied with \`OpApplier.apply\` (as a sync round applies them), ` +
        `in ${result.build.shards} builder thread(s) each building whole boards into its own file, then appended to the store with INSERT … SELECT ` +
        `(the store's indexes and search triggers index the appended rows). Build-only pragmas: ${result.build.buildOnlyPragmas.join(', ')}; ` +
        'the measurements use the app\'s own settings.') +
      (result.openDatabaseMs === null
        ? ''
        : ` Opening the store with \`openDatabase\` (which runs \`PRAGMA integrity_check\`) took ${(result.openDatabaseMs / 1000).toFixed(1)} s.`) +
      ' Details: `bench/results/store.json`.',
    '',
    '| metric | p50 | p95 | target (p95) | met |',
    '|---|---:|---:|---:|---|',
    ...Object.entries(metrics).map(([name, x]) =>
      `| ${name} | ${x.p50.toFixed(2)} ms | ${x.p95.toFixed(2)} ms | ${x.targetP95Ms === null ? '—' : `≤ ${x.targetP95Ms} ms`} | ${x.met === null ? '—' : x.met ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  writeSection('## Store (bench:store)', lines);
}

await main();
