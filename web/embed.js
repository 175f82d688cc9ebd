/*! Customer-centricity check: embed script.
 *
 *   <script src="https://QUIZ-HOST/embed.js" data-lang="de" data-accent="#0a7" async></script>
 *
 * Inserts the quiz as an iframe where the script stands (or into the
 * element named by data-container), sizes it to its content and passes
 * the quiz's events on as DOM CustomEvents: cxquiz:ready, cxquiz:started,
 * cxquiz:answered, cxquiz:completed (once per result code), and brings
 * the frame's top into view when the screen inside changes. Options (all
 * optional):
 *   data-lang       "en" or "de" (default: the browser's language)
 *   data-accent     a colour such as #0a7 or #00aa77
 *   data-theme      "light" or "dark": keep that colour scheme whatever
 *                   the visitor's browser prefers (default: follow it)
 *   data-compact    "true": no header or footer
 *   data-start      "question": open at the first question, not the intro
 *   data-share      "false": hide the share link
 *   data-container  CSS selector of the element to fill
 *   data-title      the iframe's title (for screen readers)
 *   data-callback   name of a global function(type, detail) to call
 *   data-team       a team check-in's id or join link: members join it and
 *                   may add their result to it
 * Invalid values fall back to the defaults with a console warning.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var quiz = new URL(script.src, location.href);
  var origin = quiz.origin;
  var d = script.dataset;
  var langs = ["en", "de"];

  function warn(msg) { if (window.console) console.warn("cxquiz embed: " + msg); }

  // The browser's language, as the quiz chooses it without data-lang
  // (from Accept-Language, which navigator.languages mirrors): the first
  // one the quiz speaks, else English.
  function browserLang() {
    var list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < list.length; i++) {
      var l = String(list[i]).toLowerCase().split("-")[0];
      if (langs.indexOf(l) >= 0) return l;
    }
    return "en";
  }

  var params = new URLSearchParams();
  params.set("embed", "1");
  if (d.lang) {
    if (langs.indexOf(d.lang.toLowerCase()) >= 0) params.set("lang", d.lang.toLowerCase());
    else warn('data-lang "' + d.lang + '" is not one of ' + langs.join(", ") + "; using the default");
  }
  if (d.accent) {
    if (/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.test(d.accent)) params.set("accent", d.accent.charAt(0) === "#" ? d.accent : "#" + d.accent);
    else warn('data-accent "' + d.accent + '" is not a colour like #0a7; using the default');
  }
  if (d.theme) {
    if (d.theme === "light" || d.theme === "dark") params.set("theme", d.theme);
    else if (d.theme !== "auto") warn('data-theme must be "light", "dark" or "auto"');
  }
  if (d.compact) {
    if (d.compact === "true") params.set("compact", "1");
    else if (d.compact !== "false") warn('data-compact must be "true" or "false"');
  }
  if (d.share) {
    if (d.share === "false") params.set("share", "0");
    else if (d.share !== "true") warn('data-share must be "true" or "false"');
  }
  var path = "/";
  if (d.start) {
    if (d.start === "question") path = "/q/1";
    else if (d.start !== "intro") warn('data-start must be "intro" or "question"');
  }

  if (d.team) {
    var team = /(?:^|\/team\/)([A-Za-z0-9_-]{22})(?:\/join)?\/?$/.exec(d.team.split(/[?#]/)[0]);
    if (team) {
      params.set("team", team[1]);
      if (path === "/") path = "/team/" + team[1] + "/join";
    } else warn('data-team "' + d.team + '" is not a team id or join link; embedding the quiz alone');
  }

  var container = null;
  if (d.container) {
    try { container = document.querySelector(d.container); } catch (e) { container = null; }
    if (!container) warn('data-container "' + d.container + '" matches no element; inserting here');
  }
  if (!container) {
    container = document.createElement("div");
    script.parentNode.insertBefore(container, script);
  }
  container.classList.add("cxquiz-embed");

  // This script's own words, in the quiz's language.
  var de = (params.get("lang") || browserLang()) === "de";
  var src = origin + path + "?" + params.toString();
  var frame = document.createElement("iframe");
  frame.src = src;
  frame.title = d.title || (de ? "Kundenzentrierungs-Check" : "Customer-centricity check");
  frame.loading = "lazy";
  frame.setAttribute("allow", "clipboard-write");
  frame.style.cssText = "display:block;width:100%;border:0;min-height:420px;height:640px;overflow:hidden";
  frame.setAttribute("scrolling", "no");
  container.appendChild(frame);

  var heard = false;
  var screens = 0; // new screens the quiz reported
  var completed = Object.create(null); // result codes reported
  var calm = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  function emit(type, detail) {
    container.dispatchEvent(new CustomEvent("cxquiz:" + type, { detail: detail, bubbles: true }));
    var cb = d.callback && window[d.callback];
    if (typeof cb === "function") { try { cb(type, detail); } catch (e) { warn("callback failed: " + e); } }
  }
  window.addEventListener("message", function (e) {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    var m = e.data;
    if (!m || typeof m.type !== "string" || m.type.indexOf("cxquiz:") !== 0) return;
    heard = true;
    var type = m.type.slice(7);
    var detail = m.detail || {};
    if (type === "height") {
      var h = Math.max(200, Math.min(20000, +detail.height || 0));
      frame.style.height = h + "px";
      frame.style.minHeight = "0";
      // A new screen (after the first) whose top is above the viewport,
      // where the visitor scrolled down to go on: show it from its top.
      if (detail.screen && screens++ > 0 && frame.getBoundingClientRect().top < 0) {
        frame.scrollIntoView({ block: "start", behavior: calm && calm.matches ? "auto" : "smooth" });
      }
      return;
    }
    // One completion per result: the result page may load again in the
    // frame (a reload, a way back from a team page).
    if (type === "completed") {
      var code = String(detail.code);
      if (completed[code]) return;
      completed[code] = true;
    }
    emit(type, detail);
  });

  // The hello, on every load of the frame, tells the quiz's page this
  // page's origin (the message's origin, which the browser vouches for),
  // so that it may talk to it: a page the frame navigates to gets no
  // referrer, and not every browser has location.ancestorOrigins.
  // Silence after the first load means the browser refused to frame the
  // quiz (its server does not list this site): offer a link instead of an
  // empty box.
  var loads = 0;
  frame.addEventListener("load", function () {
    try { frame.contentWindow.postMessage({ type: "cxquiz:hello" }, origin); } catch (e) { /* refused */ }
    if (heard || loads++) return;
    setTimeout(function () {
      if (heard) return;
      var p = document.createElement("p");
      p.className = "cxquiz-fallback";
      var a = document.createElement("a");
      a.href = src.replace("embed=1", "embed=0");
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = de ? "Den Kundenzentrierungs-Check in einem neuen Tab öffnen" : "Open the customer-centricity check in a new tab";
      p.appendChild(a);
      container.replaceChild(p, frame);
      emit("refused", { url: a.href });
    }, 2500); // e2e's refusalGrace: a timer never fires early, so the test checks it from below
  });
})();
