/* service-scenarios: the worker is switched off (plugin option `offline: false`).
   Browsers that installed an earlier worker fetch this script on their next
   visit: it deletes the kept builds and unregisters itself, so every page
   comes from the network again. */
"use strict";
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("service-scenarios-") === 0;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.registration.unregister(); }));
});
