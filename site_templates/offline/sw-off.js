/* service-scenarios: the worker is switched off (plugin option `offline: false`).
   Browsers that installed an earlier worker fetch this script on their next
   visit: it deletes the kept builds and unregisters itself, so every page
   comes from the network again. */
"use strict";
/* Only this site's (see sw.js: each language's site keeps its own). */
var SCOPE = new URL("./", self.location).href;
function mine(name) {
  var at = name.indexOf("@");
  return name.indexOf("service-scenarios-") === 0 && (at === -1 || name.slice(at + 1) === SCOPE);
}
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(mine).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.registration.unregister(); }));
});
