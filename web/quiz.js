// Progressive enhancement that works before the wasm has loaded and
// after: keyboard shortcuts on questions, focus and choices kept when the
// wasm takes over the page, copy and print on the result. No scoring here:
// the Go code owns it.
(function () {
  "use strict";
  var lastFocusId = null;
  var lastPick = null; // {id, page}: a choice made but not yet sent

  function answerForm() { return document.getElementById("answer"); }

  // A page carries inline only the rules of quiz.css its own elements use
  // (app/server/styles.go). The wasm may draw any other screen without a
  // reload, so the whole stylesheet comes now, once the page is up: a
  // stylesheet a script adds holds up no paint, and the service worker
  // keeps it for offline use (the versioned URL, next to this script's).
  // Pages of the static export are trimmed the same way (export.go).
  (function linkStyles() {
    var me = document.currentScript;
    if (!me || !/\/web\/quiz\.js(\?|$)/.test(me.src)) return;
    if (document.querySelector('link[rel="stylesheet"][href*="/web/quiz.css"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = me.src.replace("/web/quiz.js", "/web/quiz.css");
    document.head.appendChild(link);
  })();

  document.addEventListener("focusin", function (e) {
    lastFocusId = e.target && e.target.id ? e.target.id : null;
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.name === "pick") lastPick = { id: e.target.id, page: location.pathname + location.search };
  });

  // Number keys choose an option; Enter on the heading or an option goes on.
  document.addEventListener("keydown", function (e) {
    var form = answerForm();
    if (!form || e.ctrlKey || e.altKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && t.type !== "radio"))) return;
    if (/^[1-9]$/.test(e.key)) {
      var opt = document.getElementById("opt-" + e.key);
      if (!opt) return;
      e.preventDefault();
      opt.focus();
      if (!opt.checked) opt.click();
    } else if (e.key === "Enter" && (t === document.body || t.id === "screen-heading" || t.name === "pick")) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });

  // When the wasm replaces the prerendered page, put focus and the choice
  // not yet submitted back where they were.
  function restore() {
    applyAccent();
    showResume();
    // Before focus goes back: the wasm's render left the confirmation of
    // a forgetting empty, and an empty one is not shown, so cannot take
    // focus (it fell to the body, report item 8).
    showForget();
    if (lastPick && lastPick.page === location.pathname + location.search) {
      var p = document.getElementById(lastPick.id);
      if (p && !p.checked) p.click();
    }
    if (lastFocusId && (document.activeElement === document.body || !document.activeElement)) {
      var el = document.getElementById(lastFocusId);
      if (el) el.focus({ preventScroll: true });
    }
    // Offline, the page came as the intro, hidden under the loader, where
    // nothing could take focus: a question starts at its heading.
    focusQuestion();
    absoluteShareLink();
  }
  // The wasm calls this once it has rendered its first screen.
  window.cxquizRestore = restore;

  function watch() {
    new MutationObserver(restore).observe(document.body, { childList: true });
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; screenChanged(); });
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class", "hidden", "open", "href", "value"] });
    if (window.ResizeObserver) new ResizeObserver(function () { postHeight(false); }).observe(document.body);
  }

  function absoluteShareLink() {
    var inputs = document.querySelectorAll("[data-share]");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value.charAt(0) === "/") inputs[i].value = new URL(inputs[i].value, location.href).href;
    }
  }

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-copy],[data-print],[data-webshare]") : null;
    if (!t) return;
    if (t.hasAttribute("data-print")) { window.print(); return; }
    if (t.hasAttribute("data-webshare")) {
      absoluteShareLink();
      var link = document.querySelector("[data-share]");
      if (navigator.share && link) navigator.share({ title: document.title, url: link.value }).catch(function () {});
      return;
    }
    var input = document.getElementById(t.getAttribute("data-copy"));
    if (!input) return;
    absoluteShareLink();
    var done = function () {
      var note = document.getElementById("note");
      if (note) note.textContent = t.getAttribute("data-copied") || "Copied";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.focus(); input.select(); });
    } else {
      input.focus();
      input.select();
    }
  });

  // ---- Embedding: height and events for the host page -------------------
  // The quiz talks only to a parent whose origin is on the server's
  // allow-list (or its own), and only to that origin, never to "*".
  var embedded = window.parent !== window;
  var meta = document.querySelector('meta[name="cxquiz-embed-origins"]');
  var allowed = meta ? meta.getAttribute("content").split(" ").filter(Boolean) : [];
  // The parent's origin comes from embed.js's hello, which it sends on
  // every load of the frame: that message's origin is the parent's, by
  // the browser's word. ancestorOrigins (not in Firefox) or the referrer
  // (only on the frame's first load: every page here is sent with
  // Referrer-Policy: no-referrer) may tell it sooner; until one of them
  // has, messages wait in a queue (a page's few events, not heights).
  var parentOrigin = null;
  var queue = [];
  var lastHeight = 0;
  var newScreen = false; // the next height is a new screen's
  var sent = {};

  function originAllowed(o) {
    return !!o && o !== "null" && (o === location.origin || allowed.indexOf(o) >= 0 || allowed.indexOf("*") >= 0);
  }
  function guessParent() {
    var o = null;
    if (location.ancestorOrigins && location.ancestorOrigins.length) o = location.ancestorOrigins[0];
    else if (document.referrer) { try { o = new URL(document.referrer).origin; } catch (e) { o = null; } }
    return originAllowed(o) ? o : null;
  }
  function post(type, detail) {
    if (!embedded) return;
    var m = { type: "cxquiz:" + type, detail: detail || {} };
    if (parentOrigin) window.parent.postMessage(m, parentOrigin);
    else if (queue.length < 20) queue.push(m);
  }
  // postHeight tells the parent the page's height, and whether it is a
  // new screen's: embed.js then brings the frame's top into view.
  function postHeight(force) {
    if (!embedded || !parentOrigin) return; // sent in full after the hello
    var h = Math.ceil(document.body.getBoundingClientRect().height);
    if (!force && !newScreen && Math.abs(h - lastHeight) < 1) return;
    lastHeight = h;
    var d = { height: h };
    if (newScreen) { d.screen = true; newScreen = false; }
    post("height", d);
  }
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || !originAllowed(e.origin)) return;
    if (!e.data || e.data.type !== "cxquiz:hello" || parentOrigin === e.origin) return;
    var guessed = parentOrigin;
    parentOrigin = e.origin;
    if (guessed) post("ready", { path: location.pathname }); // the guess was wrong: said again
    var waiting = queue;
    queue = [];
    waiting.forEach(function (m) { window.parent.postMessage(m, parentOrigin); });
    postHeight(true);
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || form.id !== "answer") return;
    var picked = form.querySelector('input[name="pick"]:checked');
    var m = /\/q\/(\d+)$/.exec(form.getAttribute("action") || "");
    if (picked && m) post("answered", { question: +m[1], total: +(document.querySelector("progress") || {}).max || 0 });
  }, true);

  // ---- Resume: the last unfinished question, where storage is allowed ----
  // The entry holds answers, so it does not outlive a week: on a shared
  // computer the next person must not be offered someone else's check.
  var storeKey = "cxquiz:progress";
  var keepFor = 7 * 24 * 60 * 60 * 1000;
  function store(v) {
    try {
      if (v) { v.saved = Date.now(); localStorage.setItem(storeKey, JSON.stringify(v)); } else localStorage.removeItem(storeKey);
    } catch (e) { /* storage blocked: resume is a bonus */ }
  }
  function stored() {
    var v = null;
    try { v = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { v = null; }
    if (!v) return null;
    var age = Date.now() - (+v.saved || 0);
    // Older than a week, from before entries expired, or from a clock
    // that has since been put back: gone.
    if (!v.url || !(age >= 0 && age < keepFor)) { store(null); return null; }
    return v;
  }
  // showResume offers the stored check on the intro in place of Start.
  // It changes only what differs: screenChanged watches these attributes.
  function showResume() {
    var box = document.getElementById("resume");
    if (!box) return;
    var v = stored();
    var s = document.getElementById("start");
    var show = function (el, on) { if (el && el.hidden === on) el.hidden = !on; };
    show(box, !!v);
    show(s, !v);
    if (!v) return;
    var link = document.getElementById("resume-link");
    var where = document.getElementById("resume-where");
    if (link.getAttribute("href") !== v.url) link.setAttribute("href", v.url);
    if (where && where.textContent !== (v.label || "")) where.textContent = v.label || "";
  }
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-forget]") : null;
    if (t) store(null);
  }, true);

  // ---- Forget: everything this browser keeps for the quiz ---------------
  // The resume entry and anything else under "cxquiz:" in this site's
  // storage. The browser's history is out of a page's reach: the page
  // says how to clear it.
  var forgotten = location.hash === "#forgotten";
  var announced = false;
  if (forgotten) history.replaceState(history.state, "", location.pathname + location.search);
  function forgetAll() {
    [window.localStorage, window.sessionStorage].forEach(function (s) {
      try {
        for (var i = s.length - 1; i >= 0; i--) {
          var k = s.key(i);
          if (k && k.indexOf("cxquiz:") === 0) s.removeItem(k);
        }
      } catch (e) { /* storage blocked: nothing was kept */ }
    });
  }
  function showForget() {
    // The button works only with JavaScript; without it the page says
    // how to clear the browser by hand.
    Array.prototype.forEach.call(document.querySelectorAll("[data-forget-all]"), function (b) { if (b.hidden) b.hidden = false; });
    var done = document.getElementById("forget-done");
    if (done && forgotten && done.textContent !== done.getAttribute("data-done")) {
      done.textContent = done.getAttribute("data-done");
      // Once per forgetting, bring the confirmation (and how to clear the
      // history, just above it) into view.
      if (!announced) { announced = true; done.focus(); }
    }
  }
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-forget-all]") : null;
    if (!t) return;
    e.preventDefault();
    forgetAll();
    var to = t.getAttribute("data-forget-to");
    if (to) {
      // The result shows the answers: leave it for the intro, in place of
      // the result in this tab's history, and say it is done there.
      location.replace(to + "#forgotten");
      return;
    }
    forgotten = true;
    announced = false;
    var done = document.getElementById("forget-done");
    if (done) done.textContent = ""; // said again, for a second click
    showResume();
    showForget();
  });

  // ---- The host's accent colour -----------------------------------------
  // Set through the CSSOM: the CSP allows no inline style attribute. The
  // server validated the colours; quiz.css applies them by itself where
  // the browser supports attr() with types, so the first paint has them.
  var colour = /^#[0-9a-fA-F]{6}$/;
  function applyAccent() {
    var root = document.querySelector(".page[data-accent]");
    if (!root) return;
    var a = root.getAttribute("data-accent"), t = root.getAttribute("data-accent-text");
    if (colour.test(a) && root.style.getPropertyValue("--accent") !== a) root.style.setProperty("--accent", a);
    if (colour.test(t) && root.style.getPropertyValue("--accent-text") !== t) root.style.setProperty("--accent-text", t);
    // The accent as ink, a shade per scheme (quiz.css picks by the scheme).
    var inks = { "--ink-light": "data-accent-ink", "--ink-dark": "data-accent-ink-dark" };
    for (var p in inks) {
      var v = root.getAttribute(inks[p]);
      if (colour.test(v) && root.style.getPropertyValue(p) !== v) root.style.setProperty(p, v);
    }
  }

  // What works only with JavaScript (copy, print, what quiz.js keeps)
  // comes hidden from the server, marked data-js: shown here.
  function showScripted() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-js][hidden]"), function (e) { e.hidden = false; });
  }

  // screenChanged runs on every screen, prerendered or rendered by the wasm.
  var lastScreen = "";
  function screenChanged() {
    var key = location.pathname + location.search;
    var result = document.querySelector("section.result[data-code]");
    var form = answerForm();
    if (key !== lastScreen) {
      // "Forgotten" is said on the screen the forgetting led to, once.
      if (lastScreen) forgotten = announced = false;
      lastScreen = key;
      newScreen = true;
      if (form) {
        var code = new URLSearchParams(location.search).get("a");
        var label = document.getElementById("progress-label");
        if (code) store({ url: key, label: label ? label.textContent : "" });
        if (/^\/q\/1\/?$/.test(location.pathname) && !code) post("started", {});
      }
      if (result) store(null);
    }
    showScripted();
    showResume();
    showForget();
    applyAccent();
    if (result && !sent[result.getAttribute("data-code")]) {
      sent[result.getAttribute("data-code")] = true;
      var dims = {};
      Array.prototype.forEach.call(result.querySelectorAll("[data-dimension][data-score]"), function (tr) {
        dims[tr.getAttribute("data-dimension")] = +tr.getAttribute("data-score");
      });
      var h = document.getElementById("screen-heading");
      post("completed", {
        level: result.getAttribute("data-level"),
        levelName: h ? h.textContent : "",
        overall: +result.getAttribute("data-overall"),
        dimensions: dims,
        code: result.getAttribute("data-code"),
        url: new URL(document.querySelector("[data-share]") ? document.querySelector("[data-share]").value : location.href, location.href).href
      });
    }
    postHeight(false);
    var share = document.getElementById("webshare");
    if (share && navigator.share) share.hidden = false;
  }

  // The printed report carries the date it was printed.
  window.addEventListener("beforeprint", function () {
    var d = document.getElementById("print-date");
    if (d) d.textContent = new Date().toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
    absoluteShareLink();
    var l = document.querySelector(".print-link");
    var s = document.querySelector("[data-share]");
    if (l && s) l.textContent = s.value;
  });

  // Team check-ins: the member token this browser holds for a team, so
  // that adding again replaces the result instead of adding a second one.
  // It is made here, sent only with the member's own click, and kept in
  // localStorage under the team's id.
  function memberToken(team) {
    var key = "cxquiz-team-member:" + team, t = null;
    try { t = localStorage.getItem(key); } catch (e) { /* storage blocked: the server makes one */ }
    if (t && /^[A-Za-z0-9_-]{43}$/.test(t)) return t;
    if (!window.crypto || !crypto.getRandomValues) return "";
    var b = new Uint8Array(32), s = "";
    crypto.getRandomValues(b);
    for (var i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
    t = btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    try { localStorage.setItem(key, t); } catch (e) { /* kept in the member link only */ }
    return t;
  }
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f || !f.getAttribute || !f.getAttribute("data-member-team")) return;
    var m = f.querySelector('input[name="m"]');
    if (m && !m.value) m.value = memberToken(f.getAttribute("data-member-team"));
  }, true);

  // A member who added from this browser and opens the join page again is
  // told so, with a link to their member page (to withdraw). The member
  // page right after an add leaves the mark, the withdrawn page removes
  // it; it holds the member's token, as cxquiz-team-member: does, and
  // "Forget my answers" leaves it for the same reason.
  function teamAdded() {
    var token = /^[A-Za-z0-9_-]{43}$/, el;
    try {
      if ((el = document.querySelector("[data-added-member]")) && token.test(el.getAttribute("data-added-member")))
        localStorage.setItem("cxquiz-team-added:" + el.getAttribute("data-added-team"), el.getAttribute("data-added-member"));
      if ((el = document.querySelector("[data-withdrawn-team]")) && el.getAttribute("data-withdrawn-team"))
        localStorage.removeItem("cxquiz-team-added:" + el.getAttribute("data-withdrawn-team"));
      var box = document.getElementById("team-returning"), a = document.getElementById("team-returning-member");
      if (!box || !a) return;
      var m = localStorage.getItem("cxquiz-team-added:" + box.getAttribute("data-team"));
      if (!m || !token.test(m)) return;
      var u = new URL(a.getAttribute("href"), location.href);
      u.searchParams.set("m", m);
      a.setAttribute("href", u.pathname + u.search);
      box.hidden = false;
    } catch (e) { /* storage blocked: nothing kept, nothing shown */ }
  }

  // ---- Team pages: the server's alone -----------------------------------
  // The wasm does not carry the team pages (every one lives under /team/):
  // a link to one is left to the browser, which loads the server's page,
  // not to go-app's in-page navigation (its click handler on window, which
  // this one, on the document, comes before).
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href]") : null;
    if (a && a.origin === location.origin && a.pathname.indexOf("/team/") === 0) e.stopPropagation();
  });

  // An open team view (or admin page) keeps up to date: every few seconds
  // it asks the server whether the team's data changed (view.json's ETag
  // against the tag the page was rendered with) and, if so, loads the
  // page again and puts its content in place, keeping focus and scroll,
  // and says so once in the live region. The figures are the server's.
  var live = { timer: 0, abort: null };
  function liveBox() { return document.querySelector("[data-poll]"); }
  function stopLive() {
    clearTimeout(live.timer);
    live.timer = 0;
    if (live.abort) { live.abort.abort(); live.abort = null; }
  }
  function scheduleLive(now) {
    stopLive();
    var box = liveBox();
    if (!box || document.visibilityState === "hidden" || !window.fetch || !window.AbortController || !window.DOMParser) return;
    live.timer = setTimeout(checkLive, now ? 0 : (+box.getAttribute("data-every") || 5) * 1000);
  }
  function checkLive() {
    var box = liveBox();
    if (!box) return;
    var ctl = new AbortController(), tag = box.getAttribute("data-tag");
    live.abort = ctl;
    fetch(box.getAttribute("data-poll"), { cache: "no-store", headers: { "If-None-Match": '"' + tag + '"' }, signal: ctl.signal })
      .then(function (res) {
        var now = (res.headers.get("ETag") || "").replace(/"/g, "");
        if (res.status === 304 || !now || now === tag) return;
        return fetch(location.href, { cache: "no-store", signal: ctl.signal })
          .then(function (page) { return page.text(); })
          .then(function (html) { if (live.abort === ctl) swapLive(html); });
      })
      .catch(function () { /* offline, or stopped: asked again later */ })
      .then(function () { if (live.abort === ctl) { live.abort = null; scheduleLive(false); } });
  }
  function swapLive(html) {
    // Only #main is taken, so the fresh page's style element is left out
    // before parsing: it inlines the rules of the fresh content, whose hash
    // this page's Content-Security-Policy does not list (the browser would
    // refuse it and say so), and the whole stylesheet is here already.
    html = html.replace(/<style[^>]*>[\s\S]*?<\/style>/gi, "");
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var from = fresh.getElementById("main"), main = document.getElementById("main");
    if (!from || !main) return;
    var had = document.activeElement, focused = had && had !== main && main.contains(had) ? had.id || "screen-heading" : "";
    var x = window.scrollX, y = window.scrollY;
    while (main.firstChild) main.removeChild(main.firstChild);
    while (from.firstChild) main.appendChild(document.adoptNode(from.firstChild));
    if (fresh.title) document.title = fresh.title;
    absoluteShareLink();
    var el = focused && document.getElementById(focused);
    if (el) el.focus({ preventScroll: true });
    window.scrollTo(x, y);
    var say = document.getElementById("team-n") || document.getElementById("screen-heading");
    var note = document.getElementById("note");
    if (say && note) {
      // Emptied first: the same words again are news too.
      note.textContent = "";
      setTimeout(function () { note.textContent = say.textContent; }, 50);
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") stopLive(); else scheduleLive(true);
  });
  window.addEventListener("pagehide", stopLive);
  window.addEventListener("pageshow", function (e) { if (e.persisted) scheduleLive(true); });

  // A question page starts with focus on its heading, as a step does.
  function focusQuestion() {
    // A plain static host adds a slash (/q/3/: export.go).
    if (!/^\/q\/\d+\/?$/.test(location.pathname)) return;
    var h = document.getElementById("screen-heading");
    if (h && document.activeElement === document.body) h.focus({ preventScroll: true });
  }

  function start() {
    absoluteShareLink();
    focusQuestion();
    teamAdded();
    watch();
    if (embedded) {
      document.documentElement.classList.add("in-frame");
      if (!parentOrigin) parentOrigin = guessParent(); // a hello may have come first
      post("ready", { path: location.pathname });
    }
    screenChanged();
    scheduleLive(false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
