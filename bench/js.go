package main

// The scripts the bench runs in the pages it measures.

// instrumentJS runs in every document before the page's scripts. It
// notes, in page time (ms since the navigation started):
//   - firstAnswer: a trusted (real input) change that checked #opt-1;
//   - loaderGone: go-app removed #app-wasm-loader;
//   - takeover: a change listener that a page script (go-app's wasm; no
//     other script listens on inputs) put on a radio ran for a trusted
//     change, i.e. the wasm handled a real click.
//
// target(el) picks a point on el's label (or el) that a click really
// reaches, scrolling it into view if need be. wait(check, max) resolves
// with check()'s answer once it is "click" or "done", checking on every
// DOM change and every 20 ms, for at most max ms.
const instrumentJS = `(() => {
  if (window.__bench) return;
  const B = window.__bench = {firstAnswer: 0, loaderSeen: false, loaderGone: 0, takeover: 0};
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  add.call(document, "change", (e) => {
    const t = e.target;
    if (e.isTrusted && t && t.id === "opt-1" && t.checked && !B.firstAnswer) B.firstAnswer = performance.now();
  }, true);
  const wrapped = new WeakMap();
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (type === "change" && typeof fn === "function" && this instanceof HTMLInputElement) {
      const orig = fn;
      let w = wrapped.get(orig);
      if (!w) {
        w = function (e) {
          const r = orig.apply(this, arguments);
          if (e && e.isTrusted && !B.takeover) B.takeover = performance.now();
          return r;
        };
        wrapped.set(orig, w);
      }
      fn = w;
    }
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    return remove.call(this, type, (typeof fn === "function" && wrapped.get(fn)) || fn, opts);
  };
  const mo = new MutationObserver(() => {
    if (document.getElementById("app-wasm-loader")) B.loaderSeen = true;
    else if (B.loaderSeen && !B.loaderGone) { B.loaderGone = performance.now(); mo.disconnect(); }
  });
  mo.observe(document, {childList: true, subtree: true});
  B.target = (el) => {
    const label = (el.labels && el.labels[0]) || el;
    const points = () => {
      const out = [];
      for (const n of [el, label]) {
        const r = n.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) out.push([r.left + r.width / 2, r.top + r.height / 2], [r.left + Math.min(12, r.width / 2), r.top + r.height / 2]);
      }
      return out;
    };
    let ps = points();
    if (!ps.length) return {state: "wait"};
    const inView = ([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
    if (!ps.some(inView)) { label.scrollIntoView({block: "center"}); ps = points(); }
    for (const [x, y] of ps) {
      if (!inView([x, y])) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === el || label.contains(hit))) return {state: "click", x, y};
    }
    return {state: "wait"};
  };
  B.wait = (check, max) => new Promise((resolve) => {
    let over = false, timer = 0, cap = 0, mo = null;
    const finish = (r) => {
      if (over) return;
      over = true;
      if (mo) mo.disconnect();
      clearTimeout(timer);
      clearTimeout(cap);
      r.origin = performance.timeOrigin;
      resolve(r);
    };
    const test = () => {
      const r = check();
      if (r.state === "click" || r.state === "done") finish(r);
      return over;
    };
    const tick = () => { if (!test()) timer = setTimeout(tick, 20); };
    cap = setTimeout(() => finish({state: "wait"}), max);
    mo = new MutationObserver(test);
    mo.observe(document, {childList: true, subtree: true});
    tick();
  });
})();`

// The polls wait in the page (no polling over the protocol, which would
// hold up a throttled page) until there is something to do, for at most
// 2 s, and return {state: none|wait|click|done, x, y, origin}: origin
// (performance.timeOrigin) tells the new document from the previous one.
const (
	answerPollJS = `window.__bench ? window.__bench.wait(() => {
  const B = window.__bench;
  if (B.firstAnswer) return {state: "done"};
  const e = document.getElementById("opt-1");
  return e ? B.target(e) : {state: "wait"};
}, 2000) : {state: "none", origin: performance.timeOrigin}`
	takeoverPollJS = `window.__bench ? window.__bench.wait(() => {
  const B = window.__bench;
  if (B.takeover) return {state: "done"};
  if (document.getElementById("app-wasm-loader")) return {state: "wait"};
  for (const id of ["opt-2", "opt-3", "opt-4", "opt-1"]) {
    const e = document.getElementById(id);
    if (e && !e.checked) return B.target(e);
  }
  return {state: "wait"};
}, 2000) : {state: "none", origin: performance.timeOrigin}`
)

// resultJS collects a visit's timings: paint, the instrumentation's
// marks, Navigation Timing and the render-blocking requests.
const resultJS = `(() => {
  const B = window.__bench || {};
  const p = performance.getEntriesByName("first-contentful-paint")[0];
  const n = performance.getEntriesByType("navigation")[0] || {};
  return {fcp: p ? p.startTime : 0, firstAnswer: B.firstAnswer || 0, loaderGone: B.loaderGone || 0, takeover: B.takeover || 0,
    responseStart: n.responseStart || 0, responseEnd: n.responseEnd || 0, domContentLoaded: n.domContentLoadedEventEnd || 0,
    blocking: performance.getEntriesByType("resource").filter((r) => r.renderBlockingStatus === "blocking")
      .map((r) => ({name: r.name.replace(location.origin, ""), start: r.startTime, end: r.responseEnd}))};
})()`

// cachedJS counts the entries of go-app's service worker cache.
const cachedJS = `(async () => {
  if (!("caches" in self)) return -1;
  let n = 0;
  for (const k of await caches.keys()) {
    if (k.startsWith("app-")) n = Math.max(n, (await (await caches.open(k)).keys()).length);
  }
  return n;
})()`

type pollResult struct {
	State  string  `json:"state"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Origin float64 `json:"origin"`
}
