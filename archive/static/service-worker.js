// The new-story page offline: the page and its styles and scripts are kept when they are fetched
// with a connection, and served from here when there is none. Only those: every other address, and
// every form sent, goes to the network as if this worker were not there. The stories themselves are
// kept by the page (field.js, IndexedDB), never by this worker.
"use strict";
var CACHE = "story-archive-field-1";
var PAGE = new URL("new", self.registration.scope).pathname;
var ASSETS = (new URL(self.location).searchParams.get("assets") || "").split(",").filter(function (a) {
  return a.charAt(0) === "/";
});

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll([PAGE].concat(ASSETS)); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) {
        return caches.delete(n);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var key = request.mode === "navigate" && url.pathname === PAGE ? PAGE : null;
  if (!key && ASSETS.indexOf(url.pathname) >= 0) key = url.pathname;
  if (!key) return;
  // The network first (the newest page and a fresh form token), the kept copy when it fails.
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(key).then(function (kept) { return kept || Response.error(); });
    })
  );
});
