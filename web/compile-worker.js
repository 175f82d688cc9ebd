// Compiles app.wasm off the page's main thread. The page (go-app's app.js
// as the server adapts it) posts the URL of app.wasm and of Go's
// wasm_exec.js, and its own address and language; this worker fetches and
// compiles app.wasm and posts back the WebAssembly.Module, which the page
// only has to instantiate. V8 decodes a streamed module on the thread
// that compiles it: on the page's thread that was up to 1.4 s of tasks on
// a slow phone whenever app.wasm came in one burst (from the HTTP cache,
// the service worker or a fast network). Any failure is posted back too,
// and the page then compiles app.wasm itself, as before.
"use strict";

// warmFor bounds the warm-up: the page waits for the module meanwhile.
const warmFor = 4000; // ms

self.onmessage = async (event) => {
  const url = String(event.data.wasm);
  // The page's address and language: the warm-up builds its screen too,
  // and lets go-app take over a stand-in of the page (see stagePage).
  self.cxquizPage = {
    url: String(event.data.page || ""),
    lang: String(event.data.lang || ""),
    stage: () => stagePage(String(event.data.page || ""), event.data.env),
  };
  let module;
  try {
    const response = fetch(url);
    // Go's support script, for the warm-up, while app.wasm downloads.
    try {
      importScripts(event.data.exec);
    } catch (err) {
      // No warm-up, then.
    }
    module = WebAssembly.compileStreaming
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await (await response).arrayBuffer());
  } catch (err) {
    self.postMessage({ error: String(err) });
    self.close();
    return;
  }
  // Where the download went, in this worker's clock: the page turns it
  // into its own (User Timing marks the bench reads).
  const r = performance.getEntriesByType("resource").find((e) => e.name.endsWith(url)) || {};
  const done = warm(module);
  const warmed = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve(false), warmFor))]);
  self.postMessage({
    warmed: warmed,
    rehearsed: self.cxquizRehearsed === true,
    mounted: self.cxquizMounted === true,
    module: module,
    origin: performance.timeOrigin,
    fetchStart: r.startTime || 0,
    responseEnd: r.responseEnd || 0,
    serviceWorker: r.workerStart > 0,
  });
  // The warm-up ends by itself; this bounds it if it does not.
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, warmFor))]);
  self.close();
};

// warm runs the program here first, up to where it would need the page
// (main stops there: see startup.InWorker). V8 compiles each function the
// first time it runs, on the thread that runs it: that was 60 % of the
// page's long tasks after the instantiation (the runtime's start, the
// packages' initialisation, the question banks), and it builds the page's
// first screen without a page (screens.RehearseInWorker), so the page
// compiles less of go-app's first render too. The page's instance shares
// the code compiled here. It tells whether the program got there.
async function warm(module) {
  try {
    if (typeof Go === "undefined") {
      return false;
    }
    const go = new Go();
    let code = -1;
    go.exit = (c) => {
      code = c;
    };
    await go.run(await WebAssembly.instantiate(module, go.importObject));
    return code === 0;
  } catch (err) {
    // The page runs its own copy all the same.
    return false;
  }
}

// stagePage puts in this worker a stand-in for the page at url: its
// address, go-app's settings (env, from the page's app.js), empty storage
// and a document with just what go-app's engine calls to mount a screen
// (elements, text, attributes, children, event listeners, raw HTML), which
// keeps nothing but the tree. The warm-up then lets go-app take over that
// page as it will the real one (screens.RehearseInWorker), so that V8
// compiles go-app's engine and mount code here, not on the page's main
// thread: on a slow phone that compilation was most of the page's longest
// tasks at take-over. It tells whether the stand-in is in place.
function stagePage(url, env) {
  try {
    const settings = Object.assign({}, env || {});
    const storage = () => ({
      length: 0,
      key: () => null,
      getItem: () => null,
      setItem() {},
      removeItem() {},
      clear() {},
    });
    Object.defineProperty(self, "location", { value: new URL(url), configurable: true });
    Object.assign(self, {
      document: fakeDocument(),
      localStorage: storage(),
      sessionStorage: storage(),
      history: { pushState() {}, replaceState() {} },
      goappGetenv: (k) => settings[k],
    });
    return true;
  } catch (err) {
    return false;
  }
}

function fakeDocument() {
  const node = (name) => ({
    nodeName: name,
    tagName: name,
    nodeValue: "",
    childNodes: [],
    parentNode: null,
    style: {},
    get firstChild() {
      return this.childNodes[0] || null;
    },
    get firstElementChild() {
      return this.childNodes.find((c) => c.tagName) || null;
    },
    set innerHTML(v) {
      this.childNodes = [];
      this.appendChild(node("raw"));
    },
    setAttribute() {},
    getAttribute: () => null,
    removeAttribute() {},
    addEventListener() {},
    removeEventListener() {},
    focus() {},
    appendChild(c) {
      if (c.parentNode) c.parentNode.removeChild(c);
      this.childNodes.push(c);
      c.parentNode = this;
      return c;
    },
    insertBefore(c, ref) {
      if (c.parentNode) c.parentNode.removeChild(c);
      const i = this.childNodes.indexOf(ref);
      this.childNodes.splice(i < 0 ? this.childNodes.length : i, 0, c);
      c.parentNode = this;
      return c;
    },
    removeChild(c) {
      const i = this.childNodes.indexOf(c);
      if (i >= 0) this.childNodes.splice(i, 1);
      c.parentNode = null;
      return c;
    },
    replaceChild(c, old) {
      this.insertBefore(c, old);
      return this.removeChild(old);
    },
    remove() {
      if (this.parentNode) this.parentNode.removeChild(this);
    },
    prepend(c) {
      this.insertBefore(c, this.childNodes[0] || null);
    },
    replaceWith(c) {
      if (this.parentNode) this.parentNode.replaceChild(c, this);
    },
  });
  const text = (v) => Object.assign(node("#text"), { tagName: undefined, nodeValue: String(v) });
  const body = node("BODY");
  body.appendChild(node("DIV"));
  return {
    body: body,
    head: node("HEAD"),
    documentElement: node("HTML"),
    title: "",
    createElement: (tag) => node(String(tag).toUpperCase()),
    createElementNS: (ns, tag) => node(String(tag)),
    createTextNode: text,
    getElementById: () => null,
    querySelector: () => null,
    addEventListener() {},
    removeEventListener() {},
  };
}
