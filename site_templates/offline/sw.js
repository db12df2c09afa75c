/* service-scenarios service worker, written into the built site by
   `python -m generator offline` (generator/offline.py fills in the build).
   One build is one cache: its name and its list come from the content hashes
   of the built files, so pages and the player they need are kept and served
   as one set, and a new build replaces the old set whole. */
"use strict";
var BUILD = "__BUILD__";
var PREFIX = "service-scenarios-";
/* [url relative to this script, sha256 hex of the file]: the partner track,
   its pages, the home page and every asset they load. */
var PRECACHE = __PRECACHE__;
var OFFLINE = "__OFFLINE__";
var SCOPE = new URL("./", self.location).href;
/* The cache is named after the build and the site: each language's site (sv/,
   nb/, ...) has its own worker on the same origin, and one must never delete
   another's kept pages. A name without "@" is from a worker before this rule. */
var CACHE = PREFIX + BUILD + "@" + SCOPE;

function mine(name) {
  var at = name.indexOf("@");
  return name.indexOf(PREFIX) === 0 && (at === -1 || name.slice(at + 1) === SCOPE);
}

function hex(buffer) {
  return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
    return ("0" + b.toString(16)).slice(-2);
  }).join("");
}

/* Fetch and check every file against the build's hash before keeping any:
   a half-published site (this script new, some pages old) fails the install,
   and the previous worker, or none, goes on serving pages from the network. */
function precache() {
  return Promise.all(PRECACHE.map(function (entry) {
    var url = new URL(entry[0], SCOPE).href;
    return fetch(new Request(url, { cache: "no-cache" })).then(function (response) {
      if (!response.ok || response.redirected) throw new Error(url + ": " + response.status);
      return response.clone().arrayBuffer().then(function (body) {
        return crypto.subtle.digest("SHA-256", body);
      }).then(function (digest) {
        if (hex(digest) !== entry[1]) throw new Error(url + " is from another build");
        return [url, response];
      });
    });
  })).then(function (checked) {
    return caches.open(CACHE).then(function (cache) {
      return Promise.all(checked.map(function (pair) { return cache.put(pair[0], pair[1]); }));
    });
  }).catch(function (error) {
    /* A full quota or a bad file: keep nothing half-filled, fail the install. */
    return caches.delete(CACHE).then(function () { throw error; });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(precache().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return mine(name) && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isPage(request) {
  return request.mode === "navigate" ||
    (request.headers.get("Accept") || "").indexOf("text/html") !== -1;
}

/* The build a response belongs to: a page's marker, or an asset's ?v=. */
function buildOf(url, text) {
  var v = new URL(url).searchParams.get("v");
  if (v) return v;
  var found = /<meta name="sc-build" content="([0-9a-f]+)"/.exec(text || "");
  return found ? found[1] : null;
}

/* Keep a response seen online only when it belongs to this build (or to no
   build, like an image), so the cache never holds another build's files. */
function keep(request, response) {
  if (!response.ok || response.type !== "basic" || response.redirected) return Promise.resolve();
  var copy = response.clone();
  var page = (copy.headers.get("Content-Type") || "").indexOf("text/html") !== -1;
  return (page ? copy.clone().text() : Promise.resolve("")).then(function (text) {
    var build = buildOf(request.url, text);
    if (page && build !== BUILD) {
      /* The site moved on: look for the new worker now, not on the next navigation. */
      return self.registration.update().catch(function () {});
    }
    if (build && build !== BUILD) return undefined;
    return caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
  }).catch(function () { /* quota full or storage refused: the page still works */ });
}

function fromCache(request) {
  var page = isPage(request);
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: page }).then(function (found) {
      var url = new URL(request.url);
      if (found || !page || url.pathname.slice(-1) === "/") return found;
      /* /partners or /partners/index.html: the page is kept as /partners/. */
      url.pathname = url.pathname.replace(/index\.html$/, "").replace(/([^/])$/, "$1/");
      return cache.match(url.href, { ignoreSearch: true });
    });
  });
}

/* Our offline page for any address: its links start from the site's root. */
function offlinePage() {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(new URL(OFFLINE, SCOPE).href);
  }).then(function (found) {
    if (!found) return Response.error();
    return found.text().then(function (text) {
      return new Response(text.replace('<base href="./">', '<base href="' + SCOPE + '">'),
                          { headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  }).catch(function () { return Response.error(); });
}

/* Storage cleared under a running worker (which then never installs again):
   fill the cache again once online, one try per start of the worker. */
var repaired = false;
function repair() {
  if (repaired) return Promise.resolve();
  repaired = true;
  return fromCache(new Request(new URL(OFFLINE, SCOPE).href)).then(function (found) {
    return found ? null : precache();
  }).catch(function () {});
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  /* Cache first: a kept page and the assets it names are one build. */
  event.respondWith(fromCache(request).catch(function () {
    return null;  /* storage refused: the network as if there were no worker */
  }).then(function (found) {
    if (found) return found;
    return fetch(request).then(function (response) {
      event.waitUntil(keep(request, response).then(function () {
        return isPage(request) ? repair() : null;
      }));
      return response;
    }, function (error) {
      if (isPage(request)) return offlinePage();
      throw error;
    });
  }));
});
