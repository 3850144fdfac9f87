/**
 * The UI benchmark's probe, injected into every page before the app's own scripts (Playwright's init
 * script, which the page's CSP does not govern). It is plain JavaScript in a string on purpose: tsx
 * compiles functions with helpers that do not exist in the page, so no compiled function is sent.
 *
 * window.__uiBench:
 *   firstMatch     — the time (ms since navigation start) of the first animation frame after a text
 *                    node matching the pattern given at injection became visible in the viewport: the
 *                    frame that paints the first card. Watching starts before the app runs.
 *   watch(source, flags, timeoutMs) — the same for text that appears from now on; resolves with the
 *                    frame's time, performance.now() based (so `watch` then navigate measures a switch).
 *   switchTo(hash, source, flags, timeoutMs) — sets location.hash and resolves with ms until the
 *                    first matching card is painted.
 *   inflight()     — fetches not answered yet (the probe wraps window.fetch and only counts).
 *   findScroller(source, flags) — the element that scrolls the cards (a column, a table, the page):
 *                    the nearest scrollable ancestor of a visible matching card; returns its box.
 *   startFrames() / stopFrames() — records requestAnimationFrame deltas and long tasks in between,
 *                    and how far the scroller moved.
 */
export function probeScript(firstPattern: { source: string; flags: string }): string {
  return `(() => {
  const FIRST = new RegExp(${JSON.stringify(firstPattern.source)}, ${JSON.stringify(firstPattern.flags)});
  const visible = (node) => {
    const el = node.nodeType === 3 ? node.parentElement : node;
    if (!el || !el.isConnected) return false;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.opacity !== '0';
  };
  // resolves with performance.now() in the first frame after matching text is visible
  const watchFor = (pattern, timeoutMs) => new Promise((resolve, reject) => {
    const candidates = new Set();
    let done = false;
    let frame = 0;
    const collect = (node) => {
      if (node.nodeType === 3) {
        if (pattern.test(node.data)) candidates.add(node);
        return;
      }
      if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      let found = 0;
      for (let t = walker.nextNode(); t && found < 200; t = walker.nextNode()) {
        if (pattern.test(t.data)) { candidates.add(t); found++; }
      }
    };
    const finish = (at) => {
      if (done) return;
      done = true;
      try { performance.mark('jiebang:card-painted', { startTime: at }); } catch { /* marks are a courtesy for traces */ }
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      resolve(at);
    };
    const check = () => {
      for (const node of candidates) {
        if (!node.isConnected) { candidates.delete(node); continue; }
        if (visible(node)) { requestAnimationFrame((t) => finish(t)); return true; }
      }
      return false;
    };
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') collect(record.target);
        for (const node of record.addedNodes) collect(node);
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    // candidates can become visible without a mutation (a class change, a scroll): check every frame
    const loop = () => { if (done) return; if (!check()) frame = requestAnimationFrame(loop); };
    frame = requestAnimationFrame(loop);
    const timer = setTimeout(() => { if (!done) { done = true; observer.disconnect(); reject(new Error('timed out waiting for ' + pattern)); } }, timeoutMs);
  });

  // contract calls still on their way (a board loaded in steps keeps asking after its first card shows)
  let inflight = 0;
  const realFetch = window.fetch.bind(window);
  window.fetch = (...args) => {
    inflight++;
    return realFetch(...args).finally(() => { inflight--; });
  };

  const bench = {
    inflight: () => inflight,
    firstMatch: null,
    firstError: null,
    watch: (source, flags, timeoutMs) => watchFor(new RegExp(source, flags), timeoutMs),
    async switchTo(hash, source, flags, timeoutMs) {
      const started = performance.now();
      const seen = watchFor(new RegExp(source, flags), timeoutMs);
      location.hash = hash;
      return (await seen) - started;
    },
    scroller: null,
    findScroller(source, flags) {
      const pattern = new RegExp(source, flags);
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let card = null;
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (pattern.test(t.data) && visible(t)) { card = t.parentElement; break; }
      }
      if (!card) return null;
      let el = card;
      while (el && el !== document.body && el !== document.documentElement) {
        const style = getComputedStyle(el);
        if (/(auto|scroll|overlay)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 50) break;
        el = el.parentElement;
      }
      const page = !el || el === document.body || el === document.documentElement;
      bench.scroller = page ? document.scrollingElement : el;
      const box = page ? { x: 0, y: 0, width: innerWidth, height: innerHeight } : el.getBoundingClientRect();
      const cardBox = card.getBoundingClientRect();
      return {
        page,
        description: page ? 'the page' : (el.tagName.toLowerCase() + (el.getAttribute('role') ? '[role=' + el.getAttribute('role') + ']' : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')),
        scrollHeight: bench.scroller.scrollHeight,
        clientHeight: bench.scroller.clientHeight,
        // a point inside the scroller, on a card, for the wheel
        x: Math.round(Math.min(Math.max(cardBox.x + cardBox.width / 2, box.x + 5), box.x + box.width - 5)),
        y: Math.round(Math.min(Math.max(cardBox.y + cardBox.height / 2, box.y + 5), box.y + box.height - 5)),
        domNodes: document.getElementsByTagName('*').length,
      };
    },
    frames: null,
    startFrames() {
      const rec = { deltas: [], longTasks: [], last: 0, running: true, startTop: bench.scroller ? bench.scroller.scrollTop : 0, observer: null };
      try {
        rec.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) rec.longTasks.push(e.duration); });
        rec.observer.observe({ type: 'longtask', buffered: false });
      } catch { rec.observer = null; }
      const tick = (t) => {
        if (!rec.running) return;
        if (rec.last) rec.deltas.push(t - rec.last);
        rec.last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      bench.frames = rec;
    },
    stopFrames() {
      const rec = bench.frames;
      rec.running = false;
      if (rec.observer) rec.observer.disconnect();
      return { deltas: rec.deltas, longTasks: rec.longTasks, scrolled: (bench.scroller ? bench.scroller.scrollTop : 0) - rec.startTop, domNodes: document.getElementsByTagName('*').length };
    },
  };
  window.__uiBench = bench;
  watchFor(FIRST, 60000).then((t) => { bench.firstMatch = t; }, (e) => { bench.firstError = String(e); });
})();`;
}
