// The page: shows the portal's Luigi context, then sends the app's token to its own server, which
// verifies it and answers who the user is. Everything from the portal is shown as text only.
(function () {
  'use strict';

  var LuigiClient = window.LuigiClient;
  var $ = function (id) {
    return document.getElementById(id);
  };

  /** Asks the app's server who the token says the user is; the server checks it, not this page. */
  function check() {
    var token = LuigiClient.getToken();
    if (!token) {
      $('verify-status').textContent = 'no token';
      return;
    }
    $('verify-status').textContent = 'checking';
    fetch('api/me', { headers: { Authorization: 'Bearer ' + token } })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        $('verify-status').textContent = answer.verified ? 'verified' : 'refused: ' + answer.error;
        $('verified').textContent = JSON.stringify(answer, null, 2);
      })
      .catch(function (error) {
        $('verify-status').textContent = 'failed: ' + error.message;
      });
  }

  function show(context) {
    var user = (context && context.user) || {};
    var entity = (context && context.entity) || {};
    $('title').textContent = entity.title || document.title;
    $('user').textContent = user.displayName || user.userEntityRef || 'nobody';
    $('status').textContent = '';
    // The token goes to the server, not on screen.
    $('context').textContent = JSON.stringify(context, function (key, value) {
      return key === 'token' ? undefined : value;
    }, 2);
  }

  LuigiClient.addInitListener(function (context) {
    show(context);
    check();
  });
  // A new token arrives with a context update: check it too.
  LuigiClient.addContextUpdateListener(function (context) {
    show(context);
    check();
  });
  $('check').addEventListener('click', check);
})();
