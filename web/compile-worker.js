// Compiles app.wasm off the page's main thread. The page (go-app's app.js
// as the server adapts it) posts the URL of app.wasm; this worker fetches
// and compiles it and posts back the WebAssembly.Module, which the page
// only has to instantiate. V8 decodes a streamed module on the thread
// that compiles it: on the page's thread that was up to 1.4 s of tasks
// on a slow phone whenever app.wasm came in one burst (from the HTTP
// cache, the service worker or a fast network). Any failure is posted
// back too, and the page then compiles app.wasm itself, as before.
"use strict";

self.onmessage = async (event) => {
  const url = String(event.data);
  try {
    const response = fetch(url);
    const module = WebAssembly.compileStreaming
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await (await response).arrayBuffer());
    // Where the download went, in this worker's clock: the page turns it
    // into its own (User Timing marks the bench reads).
    const r = performance.getEntriesByType("resource").find((e) => e.name.endsWith(url)) || {};
    self.postMessage({
      module: module,
      origin: performance.timeOrigin,
      fetchStart: r.startTime || 0,
      responseEnd: r.responseEnd || 0,
      serviceWorker: r.workerStart > 0,
    });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
