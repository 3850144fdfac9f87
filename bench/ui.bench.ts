/**
 * bench:ui — the renderer with a board of 10,000 challenges, built and served as the e2e tests serve
 * it (main/web/serve.ts: the production bundle, the production CSP, the real services in their own
 * process), measured in Debian's Chromium:
 *   first render   navigation start → the first card of the big board painted (new browser context each run)
 *   board switch   from one board to another inside the app (a hash change, as the board switcher does)
 *                  → the first card of the other board painted, both directions
 *   scroll         requestAnimationFrame deltas while the mouse wheel scrolls the cards' column/table/page
 * plus, for context, the boards.view call alone as the page sees it (service + JSON over loopback).
 * Writes bench/results/ui.json and the "UI" section of BENCHMARKS.md. Numbers are reported, never asserted.
 *
 *   npm run bench:ui [-- --no-write]       UI_BENCH_CHALLENGES=N to change the board's size
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { defaultRendererOut, ensureRendererBuilt } from '../main/web/build';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { freePort } from '../tests/support/hub-process';
import { machineInfo, repoRoot, writeResult, writeSection } from './report';
import type { Stats } from './store/measure';
import { stats } from './store/measure';
import { BENCH_MARK, buildUiBenchStore } from './ui/data';
import type { UiBenchData } from './ui/data';
import { probeScript } from './ui/page-script';

const COUNT = Number(process.env.UI_BENCH_CHALLENGES ?? 10_000);
const FIRST_RENDER_RUNS = 6; // the first is a warm-up (the server's and the OS's caches), not counted
const RELOADS = 5;
const SWITCH_ROUNDS = 10;
const WHEEL_STEPS = 150;
const WAIT_MS = 60_000;
const VIEWPORT = { width: 1440, height: 900 };
const TARGETS = { firstRenderMs: 300, switchMs: 150, frameP95Ms: 20 };
const writeOut = !process.argv.includes('--no-write');
const log = (line: string) => process.stderr.write(`[ui] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** a card of the big board: every title starts with the benchmark's mark and a number */
const BIG = { source: `${BENCH_MARK}\\d{5}`, flags: '' };

async function startServer(file: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/web/serve.ts', '--db', file, '--port', String(port), '--no-demo', '--static', defaultRendererOut], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready http')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve.ts exited ${code}: ${out}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

interface FirstRender {
  firstCardMs: number;
  firstContentfulPaintMs: number | null;
  domContentLoadedMs: number;
  /** the boards.view call(s) the page made: start and end, ms since navigation start */
  boardsView: { startMs: number; endMs: number }[];
  /** the app's script bundle: when it had arrived, and its size */
  scriptEndMs: number | null;
  scriptBytes: number | null;
}

const FIRST_RENDER_FACTS = `(() => {
  const b = window.__uiBench;
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  const resources = performance.getEntriesByType('resource');
  const views = resources.filter((e) => e.name.includes('/api/call/boards.view'));
  const script = resources.find((e) => e.name.includes('/assets/') && e.name.endsWith('.js'));
  return {
    firstCardMs: b.firstMatch, error: b.firstError,
    firstContentfulPaintMs: fcp ? fcp.startTime : null,
    domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
    boardsView: views.map((e) => ({ startMs: e.startTime, endMs: e.responseEnd })),
    scriptEndMs: script ? script.responseEnd : null,
    scriptBytes: script ? script.decodedBodySize : null,
  };
})()`;

/** Waits for the probe's first card (polled from here: the page's CSP, no eval, refuses Playwright's in-page polling). */
async function probeFacts(page: Page): Promise<FirstRender & { error: string | null }> {
  const deadline = Date.now() + WAIT_MS + 5_000;
  while (!(await page.evaluate('!!window.__uiBench && (window.__uiBench.firstMatch !== null || window.__uiBench.firstError !== null)'))) {
    if (Date.now() > deadline) throw new Error('the page never answered the probe');
    await sleep(50);
  }
  return (await page.evaluate(FIRST_RENDER_FACTS)) as FirstRender & { error: string | null };
}

async function openBoard(browser: Browser, url: string, boardId: string): Promise<{ page: Page; facts: FirstRender & { error: string | null }; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.addInitScript({ content: probeScript(BIG) });
  await page.goto(`${url}/#/boards/${boardId}`);
  const facts = await probeFacts(page);
  return { page, facts, close: () => context.close() };
}

async function measureFirstRender(browser: Browser, url: string, data: UiBenchData) {
  const runs: FirstRender[] = [];
  for (let i = 0; i < FIRST_RENDER_RUNS; i++) {
    const { facts, close } = await openBoard(browser, url, data.bigBoardId);
    await close();
    if (facts.error !== null || facts.firstCardMs === null) {
      return { error: `no card of the big board became visible within ${WAIT_MS / 1000} s (${facts.error ?? 'unknown'})`, runs };
    }
    log(`first render ${i === 0 ? '(warm-up) ' : ''}${round1(facts.firstCardMs)} ms (script in ${facts.scriptEndMs === null ? '—' : round1(facts.scriptEndMs)} ms, DOMContentLoaded ${round1(facts.domContentLoadedMs)} ms, FCP ${facts.firstContentfulPaintMs === null ? '—' : round1(facts.firstContentfulPaintMs)} ms, boards.view answered at ${facts.boardsView.map((v) => round1(v.endMs)).join(', ') || '—'} ms)`);
    if (i > 0) runs.push(facts);
  }
  return { error: null, runs };
}

/** The same, reloading an open tab: the browser process, renderer and HTTP cache are warm. */
async function measureReload(page: Page): Promise<FirstRender[]> {
  const runs: FirstRender[] = [];
  for (let i = 0; i < RELOADS; i++) {
    await page.reload();
    const facts = await probeFacts(page);
    if (facts.error !== null || facts.firstCardMs === null) throw new Error(`reload: ${facts.error ?? 'no card'}`);
    log(`reload ${i + 1}: first card painted at ${round1(facts.firstCardMs)} ms (DOMContentLoaded ${round1(facts.domContentLoadedMs)} ms, boards.view asked at ${facts.boardsView.map((v) => round1(v.startMs)).join(', ') || '—'} ms, answered at ${facts.boardsView.map((v) => round1(v.endMs)).join(', ') || '—'} ms)`);
    runs.push(facts);
  }
  return runs;
}

/**
 * Waits until no contract call is on its way and the answers are drawn: two animation frames (which
 * run only once the main thread is free) and a short quiet moment, twice over for a second step.
 */
async function settle(page: Page): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (let pass = 0; pass < 2; pass++) {
    while ((await page.evaluate('window.__uiBench.inflight()')) !== 0) {
      if (Date.now() > deadline) throw new Error('the page kept calling the bridge');
      await sleep(50);
    }
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await sleep(300);
  }
}

async function measureSwitch(page: Page, data: UiBenchData) {
  const small = { source: data.smallBoardTitles.map(escape).join('|'), flags: '' };
  const toSmall: number[] = [];
  const toBig: number[] = [];
  for (let i = 0; i < SWITCH_ROUNDS; i++) {
    // each switch starts from a settled board: everything it asked for has arrived and been drawn
    await settle(page);
    const a = (await page.evaluate(`window.__uiBench.switchTo(${JSON.stringify(`#/boards/${data.smallBoardId}`)}, ${JSON.stringify(small.source)}, '', ${WAIT_MS})`)) as number;
    await settle(page);
    const b = (await page.evaluate(`window.__uiBench.switchTo(${JSON.stringify(`#/boards/${data.bigBoardId}`)}, ${JSON.stringify(BIG.source)}, '', ${WAIT_MS})`)) as number;
    toSmall.push(a);
    toBig.push(b);
    log(`switch round ${i + 1}: → ${data.smallBoardTitle} ${round1(a)} ms, → big board ${round1(b)} ms`);
  }
  return { toSmall: stats(toSmall), toBig: stats(toBig), all: stats([...toSmall, ...toBig]) };
}

interface ScrollerInfo {
  page: boolean;
  description: string;
  scrollHeight: number;
  clientHeight: number;
  x: number;
  y: number;
  domNodes: number;
}

async function measureScroll(page: Page) {
  const scroller = (await page.evaluate(`window.__uiBench.findScroller(${JSON.stringify(BIG.source)}, '')`)) as ScrollerInfo | null;
  if (!scroller) return { error: 'no visible card to scroll', scroller: null };
  log(`scrolling ${scroller.description} (${scroller.scrollHeight} px of content in ${scroller.clientHeight} px; ${scroller.domNodes} DOM elements)`);
  await page.mouse.move(scroller.x, scroller.y);
  await sleep(500);
  // what this browser does with nothing to do: headless software rendering sets the floor
  await page.evaluate('window.__uiBench.startFrames()');
  await sleep(2_000);
  const idle = (await page.evaluate('window.__uiBench.stopFrames()')) as { deltas: number[] };
  log(`idle frames: p50 ${stats(idle.deltas).p50} ms, p95 ${stats(idle.deltas).p95} ms, max ${stats(idle.deltas).max} ms`);
  const passes: { deltas: number[]; longTasks: number[]; scrolled: number; domNodes: number }[] = [];
  for (const direction of [1, -1]) {
    await page.evaluate('window.__uiBench.startFrames()');
    for (let i = 0; i < WHEEL_STEPS; i++) {
      await page.mouse.wheel(0, direction * 100);
      await sleep(16);
    }
    await sleep(300);
    passes.push((await page.evaluate('window.__uiBench.stopFrames()')) as (typeof passes)[number]);
  }
  const deltas = passes.flatMap((p) => p.deltas);
  const longTasks = passes.flatMap((p) => p.longTasks);
  return {
    error: null,
    scroller,
    idleFrames: stats(idle.deltas),
    frames: stats(deltas),
    framesOver20Ms: deltas.filter((d) => d > 20).length,
    frameCount: deltas.length,
    longTasks: { count: longTasks.length, maxMs: round1(Math.max(0, ...longTasks)) },
    scrolledPx: passes.map((p) => Math.round(p.scrolled)),
    domNodesAfter: passes[passes.length - 1]?.domNodes ?? null,
  };
}

/** The data call alone, from the page: what no rendering can beat. */
async function measureBoardsView(page: Page, boardId: string): Promise<Stats> {
  const samples = (await page.evaluate(`(async () => {
    const out = [];
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      const res = await fetch('/api/call/boards.view', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: ${JSON.stringify(boardId)} }) });
      const json = await res.json();
      if (!json.ok) throw new Error(json.error.message);
      out.push(performance.now() - t);
    }
    return out.slice(1);
  })()`)) as number[];
  return stats(samples);
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '—' : `${round1(x)} ms`);
const met = (x: number | null | undefined, target: number) => (x === null || x === undefined || Number.isNaN(x) ? 'not measured' : x <= target ? 'yes' : '**no**');

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  const loadBefore = os.loadavg()[0] ?? 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-bench-ui-'));
  const file = path.join(dir, 'ui.sqlite');
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    log(`building the data: demo + a board of ${COUNT} challenges through the services…`);
    const data = buildUiBenchStore(file, COUNT);
    log(`data built in ${data.buildSeconds} s: ${JSON.stringify(data.byStatus)}, ${data.subChallenges} 子榜`);
    await ensureRendererBuilt(defaultRendererOut, { log });
    const port = await freePort();
    server = await startServer(file, port);
    const url = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const chromiumVersion = browser.version();

    const first = await measureFirstRender(browser, url, data);
    let switching: Awaited<ReturnType<typeof measureSwitch>> | null = null;
    let scroll: Awaited<ReturnType<typeof measureScroll>> | null = null;
    let boardsView: Stats | null = null;
    let reloads: FirstRender[] = [];
    let switchError: string | null = null;
    if (first.error === null) {
      const opened = await openBoard(browser, url, data.bigBoardId);
      try {
        reloads = await measureReload(opened.page);
        await settle(opened.page);
        boardsView = await measureBoardsView(opened.page, data.bigBoardId);
        log(`boards.view from the page (service + JSON over loopback): p50 ${boardsView.p50} ms`);
        try {
          switching = await measureSwitch(opened.page, data);
        } catch (err) {
          switchError = String(err);
          log(`switch: ${switchError}`);
        }
        await settle(opened.page);
        scroll = await measureScroll(opened.page);
        if (scroll.error === null) log(`scroll: frames p50 ${scroll.frames!.p50} ms, p95 ${scroll.frames!.p95} ms, max ${scroll.frames!.max} ms; scrolled ${scroll.scrolledPx!.join(' / ')} px`);
      } finally {
        await opened.close();
      }
    } else {
      log(first.error);
    }

    const firstStats = first.runs.length ? stats(first.runs.map((r) => r.firstCardMs)) : null;
    const fcpStats = first.runs.length ? stats(first.runs.map((r) => r.firstContentfulPaintMs ?? Number.NaN)) : null;
    const reloadStats = reloads.length ? stats(reloads.map((r) => r.firstCardMs)) : null;
    const dclStats = first.runs.length ? stats(first.runs.map((r) => r.domContentLoadedMs)) : null;
    const scriptKb = first.runs[0]?.scriptBytes ? Math.round(first.runs[0].scriptBytes / 1024).toLocaleString('en-US') : '—';
    const viewEnd = first.runs.length ? stats(first.runs.map((r) => Math.max(0, ...r.boardsView.map((v) => v.endMs)))) : null;
    const result = {
      benchmark: 'ui',
      date: new Date().toISOString(),
      machine: { ...machineInfo(), chromium: chromiumVersion, loadAverageBefore: round1(loadBefore) },
      data: { ...data, smallBoardTitles: undefined },
      viewport: VIEWPORT,
      firstRender: { error: first.error, stats: firstStats, domContentLoaded: dclStats, firstContentfulPaint: fcpStats, boardsViewAnsweredAt: viewEnd, runs: first.runs },
      reload: { stats: reloadStats, runs: reloads },
      boardsViewFromPage: boardsView,
      switching: switching ?? { error: switchError ?? first.error },
      scroll: scroll ?? { error: first.error },
      targets: TARGETS,
      met: {
        firstRender: firstStats ? firstStats.p50 <= TARGETS.firstRenderMs : null,
        firstRenderReload: reloadStats ? reloadStats.p50 <= TARGETS.firstRenderMs : null,
        switchToBig: switching ? switching.toBig.p50 <= TARGETS.switchMs : null,
        switchToSmall: switching ? switching.toSmall.p50 <= TARGETS.switchMs : null,
        scrollFrameP95: scroll?.frames ? scroll.frames.p95 <= TARGETS.frameP95Ms : null,
      },
    };
    if (writeOut) {
      writeResult('ui', result);
      const m = result.machine;
      const s = scroll?.frames;
      const idleStats = scroll?.idleFrames;
      writeSection('## UI (bench:ui)', [
        `Run ${result.date.slice(0, 10)} with \`npm run bench:ui\` on ${m.cpu}, ${m.cores} cores (load average ${m.loadAverage[0]}); Node ${m.node}, Chromium ${chromiumVersion} headless (software rendering), viewport ${VIEWPORT.width}×${VIEWPORT.height}. ` +
          `Data: the demo plus one board of ${COUNT.toLocaleString('en-US')} challenges (${data.subChallenges.toLocaleString('en-US')} of them 子榜; ${Object.entries(data.byStatus).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')}), made through the services in ${data.buildSeconds} s. ` +
          'The built renderer is served with the production CSP by `main/web/serve.ts` in its own process. ' +
          '"Painted" is the first animation frame after the card\'s text is in the viewport. Details: `bench/results/ui.json`.',
        '',
        '| metric | p50 | p95 | max | target | met |',
        '|---|---:|---:|---:|---:|---|',
        `| first render: navigation start → first card painted (${first.runs.length} cold page loads) | ${fmt(firstStats?.p50)} | ${fmt(firstStats?.p95)} | ${fmt(firstStats?.max)} | ≤ ${TARGETS.firstRenderMs} ms | ${met(firstStats?.p50, TARGETS.firstRenderMs)} |`,
        `| first render, reloading an open tab (${reloads.length} reloads: warm browser and cache) | ${fmt(reloadStats?.p50)} | ${fmt(reloadStats?.p95)} | ${fmt(reloadStats?.max)} | ≤ ${TARGETS.firstRenderMs} ms | ${met(reloadStats?.p50, TARGETS.firstRenderMs)} |`,
        `| … on the way (cold loads): the script bundle ran (DOMContentLoaded; ${scriptKb} KB of JS) | ${fmt(dclStats?.p50)} | ${fmt(dclStats?.p95)} | ${fmt(dclStats?.max)} | — | — |`,
        `| … on the way: first contentful paint (the shell) | ${fmt(fcpStats?.p50)} | ${fmt(fcpStats?.p95)} | ${fmt(fcpStats?.max)} | — | — |`,
        `| … on the way: boards.view answered (since navigation start) | ${fmt(viewEnd?.p50)} | ${fmt(viewEnd?.p95)} | ${fmt(viewEnd?.max)} | — | — |`,
        `| boards.view alone from the page (${COUNT.toLocaleString('en-US')} cards: service + JSON) | ${fmt(boardsView?.p50)} | ${fmt(boardsView?.p95)} | ${fmt(boardsView?.max)} | — | — |`,
        `| switch boards: to the big board (${SWITCH_ROUNDS} switches) | ${fmt(switching?.toBig.p50)} | ${fmt(switching?.toBig.p95)} | ${fmt(switching?.toBig.max)} | ≤ ${TARGETS.switchMs} ms | ${met(switching?.toBig.p50, TARGETS.switchMs)} |`,
        `| switch boards: from it to the demo board (${data.smallBoardTitles.length} challenges) | ${fmt(switching?.toSmall.p50)} | ${fmt(switching?.toSmall.p95)} | ${fmt(switching?.toSmall.max)} | ≤ ${TARGETS.switchMs} ms | ${met(switching?.toSmall.p50, TARGETS.switchMs)} |`,
        `| scroll frame time (${s ? `${s.iterations} frames, ${scroll?.scroller?.page ? 'the page' : 'the cards\' scroller'}` : 'not measured'}) | ${fmt(s?.p50)} | ${fmt(s?.p95)} | ${fmt(s?.max)} | p95 ≤ ${TARGETS.frameP95Ms} ms | ${met(s?.p95, TARGETS.frameP95Ms)} |`,
        `| … the same page idle, not scrolling (the browser's own floor) | ${fmt(idleStats?.p50)} | ${fmt(idleStats?.p95)} | ${fmt(idleStats?.max)} | — | — |`,
        '',
        first.error ? `Not measured: ${first.error}.` : scroll?.error ? `Scroll not measured: ${scroll.error}.` : `Scrolled ${scroll?.scroller?.description ?? '—'} with ${WHEEL_STEPS} wheel steps down and up (${scroll?.scrolledPx?.join(' / ') ?? '—'} px); ${scroll?.framesOver20Ms ?? 0} frames over 20 ms, ${scroll?.longTasks?.count ?? 0} long tasks (longest ${scroll?.longTasks?.maxMs ?? 0} ms); ${scroll?.scroller?.domNodes ?? '—'} DOM elements on the page.`,
        'Targets compare the p50 for render and switch and the p95 for frames.',
      ]);
    }
    log(`done: results in bench/results/ui.json${writeOut ? ' and BENCHMARKS.md' : ' (not written: --no-write)'}`);
  } finally {
    await browser?.close();
    if (server) await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
