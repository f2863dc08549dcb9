/**
 * The `google.script` object Google injects into a sidebar or dialog, as page JavaScript: a
 * runner per published server function (chainable, each `with*` returns a new runner),
 * arguments checked in the browser with Google's TypeError, calls sent to the parent frame and
 * answered asynchronously; a failure reaches the failure handler as an Error named ScriptError;
 * `google.script.host` for close, editor focus and dialog sizes. [docs/services.md §4.2, HOST]
 */

/** The script that defines `google.script` in the page, for the given published names. */
export function pageClientScript(names: readonly string[], hostOrigin: string): string {
  return `(function () {
  'use strict';
  var NAMES = ${JSON.stringify(names)};
  var HOST_ORIGIN = ${JSON.stringify(hostOrigin)};
  var pending = {};
  var nextId = 1;
  function illegal(path) {
    return new TypeError('Failed due to illegal value in property: ' + path);
  }
  function copy(value, path, seen) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (value === undefined) return undefined;
    if (typeof value !== 'object') throw illegal(path);
    if (value instanceof HTMLFormElement) throw illegal(path);
    if (Object.prototype.toString.call(value) === '[object Date]') throw illegal(path);
    if (seen.indexOf(value) >= 0) throw illegal(path);
    seen.push(value);
    try {
      if (Array.isArray(value)) return value.map(function (v, i) { return copy(v === undefined ? null : v, String(i), seen); });
      var proto = Object.getPrototypeOf(value);
      if (proto !== null && proto !== Object.prototype) throw illegal(path);
      var out = {};
      Object.keys(value).forEach(function (k) {
        var c = copy(value[k], k, seen);
        if (c !== undefined) out[k] = c;
      });
      return out;
    } finally {
      seen.pop();
    }
  }
  window.addEventListener('message', function (ev) {
    if (ev.origin !== HOST_ORIGIN || !ev.data || ev.data.type !== 'gas-result') return;
    var call = pending[ev.data.id];
    if (!call) return;
    delete pending[ev.data.id];
    if (ev.data.ok) {
      if (call.success) call.success(ev.data.value, call.userObject);
    } else {
      var err = new Error(ev.data.message);
      err.name = 'ScriptError';
      if (call.failure) call.failure(err, call.userObject);
      else console.error('Uncaught ScriptError: ' + ev.data.message);
    }
  });
  function makeRunner(success, failure, userObject) {
    var runner = {
      withSuccessHandler: function (fn) { return makeRunner(fn, failure, userObject); },
      withFailureHandler: function (fn) { return makeRunner(success, fn, userObject); },
      withUserObject: function (obj) { return makeRunner(success, failure, obj); },
    };
    NAMES.forEach(function (name) {
      runner[name] = function () {
        var args = [];
        for (var i = 0; i < arguments.length; i++) args.push(copy(arguments[i], String(i), []));
        var id = nextId++;
        pending[id] = { success: success, failure: failure, userObject: userObject };
        window.parent.postMessage({ type: 'gas-run', id: id, name: name, args: JSON.parse(JSON.stringify(args)) }, HOST_ORIGIN);
      };
    });
    return runner;
  }
  function host(op, value) {
    window.parent.postMessage({ type: 'gas-host', op: op, value: value }, HOST_ORIGIN);
  }
  window.google = window.google || {};
  window.google.script = {
    run: makeRunner(null, null, undefined),
    host: {
      origin: HOST_ORIGIN,
      close: function () { host('close'); },
      setWidth: function (w) { host('setWidth', Number(w)); },
      setHeight: function (h) { host('setHeight', Number(h)); },
      editor: { focus: function () { host('focus'); } },
    },
  };
})();`;
}
