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
  // The page's address and language: the warm-up builds its screen too.
  self.cxquizPage = { url: String(event.data.page || ""), lang: String(event.data.lang || "") };
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
    module: module,
    origin: performance.timeOrigin,
    fetchStart: r.startTime || 0,
    responseEnd: r.responseEnd || 0,
    serviceWorker: r.workerStart > 0,
  });
  await done;
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
