// Served as /recorder.js and loaded BEFORE the Luigi client on /recorder/, so
// it sees every postMessage the frame ever receives, including the very first
// one. Each message is POSTed to /recorder/log on this page's own origin; the
// server keeps them so tests can prove that a frame on an untrusted origin
// never received a token, whatever the host sent it.
(function () {
  'use strict';

  function record(entry) {
    var body;
    try {
      body = JSON.stringify(entry);
    } catch (e) {
      // Structured-clone data can be unserializable; still record that it came.
      body = JSON.stringify({
        kind: entry.kind,
        origin: entry.origin,
        data: 'unserializable: ' + String(e && e.message),
      });
    }
    try {
      fetch('/recorder/log', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body,
        keepalive: true,
      }).catch(function () {});
    } catch (e) {
      // Recording must never break the page.
    }
  }

  window.addEventListener('message', function (e) {
    record({ kind: 'message', origin: e.origin, data: e.data });
  });

  // Emitted by /app.js after Luigi init / context update, with getToken().
  document.addEventListener('microapp:init', function (e) {
    record({ kind: 'init', origin: location.origin, data: e.detail });
  });
  document.addEventListener('microapp:context-update', function (e) {
    record({ kind: 'context-update', origin: location.origin, data: e.detail });
  });
})();
