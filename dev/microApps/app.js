// Client-side behaviour shared by every sample micro app page (served as /app.js,
// loaded after /luigi-client.js). Plain browser script, no build step.
//
// Everything received from the host is written with textContent only: the
// context and token are untrusted input as far as this page is concerned.
(function () {
  'use strict';

  var LuigiClient = window.LuigiClient;
  var appName = document.body.getAttribute('data-app');
  var $ = function (id) {
    return document.getElementById(id);
  };

  // Generated once per page load: tests compare it before/after an action to
  // prove the iframe was not reloaded.
  var loadId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  $('load-id').textContent = loadId;

  var contextUpdates = 0;

  function readToken() {
    try {
      var token = LuigiClient.getToken();
      return token ? String(token) : 'none';
    } catch (e) {
      return 'none';
    }
  }

  function showContext(context) {
    var text;
    try {
      text = JSON.stringify(context === undefined ? null : context, null, 2);
    } catch (e) {
      text = 'unserializable context';
    }
    $('context').textContent = text;
  }

  // Token and path are cheap to refresh; do it on every event and on a timer.
  // Luigi has no auth listener on the client side: a token refresh arrives as
  // a `luigi.auth.tokenIssued` message and only getToken() reflects it, so the
  // 1s poll is what makes refreshed tokens visible.
  //
  // This is the one place that reads the token. Whenever the shown token
  // changes, it is announced as a `luigi-sample:token` event on window
  // (detail: the token, or null when there is none) for /verify.js, which
  // loads later and takes the initial value from #token.
  function refresh() {
    var token = readToken();
    if ($('token').textContent !== token) {
      $('token').textContent = token;
      window.dispatchEvent(
        new CustomEvent('luigi-sample:token', { detail: token === 'none' ? null : token }),
      );
    }
    if ($('path').textContent !== location.pathname) $('path').textContent = location.pathname;
    // What Luigi's uxManager says the portal's theme and language are (both follow the user's settings).
    var ux = LuigiClient.uxManager();
    var theme = String(ux.getCurrentTheme() || '');
    var locale = String(ux.getCurrentLocale() || '');
    if ($('current-theme').textContent !== theme) $('current-theme').textContent = theme;
    if ($('current-locale').textContent !== locale) $('current-locale').textContent = locale;
  }

  // Lets other scripts on the page (the recorder) observe the same events
  // without registering their own Luigi listeners.
  function emit(type, context) {
    document.dispatchEvent(
      new CustomEvent(type, { detail: { context: context, token: readToken() } }),
    );
  }

  refresh();
  setInterval(refresh, 1000);

  LuigiClient.addInitListener(function (context) {
    showContext(context);
    refresh();
    $('status').textContent = 'ready';
    emit('microapp:init', context);
  });

  LuigiClient.addContextUpdateListener(function (context) {
    contextUpdates += 1;
    $('context-updates').textContent = String(contextUpdates);
    showContext(context);
    refresh();
    emit('microapp:context-update', context);
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-navigate]'), function (button) {
    button.addEventListener('click', function () {
      LuigiClient.linkManager().navigate(button.getAttribute('data-navigate'));
    });
  });

  $('alert').addEventListener('click', function () {
    // Stays until dismissed; the page shows when its promise resolves (Luigi's hide message).
    $('alert-status').textContent = 'shown';
    LuigiClient.uxManager()
      .showAlert({ text: 'Hello from ' + appName, type: 'info' })
      .then(function () {
        $('alert-status').textContent = 'dismissed';
      });
  });
})();
