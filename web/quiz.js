// Progressive enhancement that works before the wasm has loaded and
// after: keyboard shortcuts on questions, focus and choices kept when the
// wasm takes over the page, copy and print on the result. No scoring here:
// the Go code owns it.
(function () {
  "use strict";
  var lastFocusId = null;
  var lastPick = null;

  function answerForm() { return document.getElementById("answer"); }

  document.addEventListener("focusin", function (e) {
    lastFocusId = e.target && e.target.id ? e.target.id : null;
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.name === "pick") lastPick = e.target.id;
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
    if (lastPick) {
      var p = document.getElementById(lastPick);
      if (p && !p.checked) p.click();
    }
    if (lastFocusId && (document.activeElement === document.body || !document.activeElement)) {
      var el = document.getElementById(lastFocusId);
      if (el) el.focus({ preventScroll: true });
    }
    absoluteShareLink();
  }
  function watch() {
    new MutationObserver(restore).observe(document.body, { childList: true });
  }

  function absoluteShareLink() {
    var input = document.querySelector("[data-share]");
    if (input && input.value.charAt(0) === "/") input.value = new URL(input.value, location.href).href;
  }

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-copy],[data-print]") : null;
    if (!t) return;
    if (t.hasAttribute("data-print")) { window.print(); return; }
    var input = document.getElementById(t.getAttribute("data-copy"));
    if (!input) return;
    absoluteShareLink();
    var done = function () {
      var note = document.getElementById("note");
      if (note) note.textContent = t.getAttribute("data-copied") || "Copied";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
    } else {
      input.select();
    }
  });

  function start() {
    absoluteShareLink();
    if (/^\/q\/\d+$/.test(location.pathname)) {
      var h = document.getElementById("screen-heading");
      if (h && document.activeElement === document.body) h.focus({ preventScroll: true });
    }
    watch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
