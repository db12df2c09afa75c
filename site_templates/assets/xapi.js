/* service-scenarios xAPI adapter (README: "xAPI statements"). The plugin adds it to
   the pages only when mkdocs.yml sets `xapi:`; without that setting no page has it.
   It listens to the player's events (sc:decision, sc:complete), turns each into
   statements with ids made once here, keeps them in a queue in localStorage, and
   PUTs them one at a time to the organisation's endpoint (its proxy, which adds
   the credentials: none is ever in a page). A PUT of an id the LRS already has
   changes nothing there, so a statement sent again after a lost answer is stored
   once. Offline, refused (401, 5xx) or slow: the queue waits and is retried later;
   the player never waits for it. */
(function () {
  "use strict";
  var S = /*sc-xapi*/{};  /* the settings, written by the plugin at build time */
  var html = document.documentElement, me = document.currentScript;
  if (!S.endpoint || !me || html.hasAttribute("data-sc-xapi-on")) return;
  html.setAttribute("data-sc-xapi-on", "");  /* once, also under instant navigation */
  var P = "service-scenarios:xapi:v1:", Q = P + "queue";
  var V = "http://adlnet.gov/expapi/verbs/", X = "urn:service-scenarios:xapi:";
  /* This file is assets/<name>.js: the site's root is one folder up. */
  var end = new URL(S.endpoint, new URL("..", me.src)).href.replace(/\/?$/, "/");
  var base = S.activities, mem = {}, busy = false, wait = 1000, retry = 0;

  function get(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return mem[key] || null; }
  }
  /* Quota or no storage: kept in memory for this page instead (sent while it is open). */
  function put(key, value) {
    mem[key] = value;
    try { window.localStorage.setItem(key, value); } catch (e) { /* in memory only */ }
  }
  function queue() {
    var q = null;
    try { q = JSON.parse(get(Q)); } catch (e) { /* unreadable: start a new queue */ }
    return Array.isArray(q) ? q : [];
  }
  function uuid() {  /* v4; crypto.randomUUID needs https, getRandomValues does not */
    var b = crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = b[6] & 15 | 64;
    b[8] = b[8] & 63 | 128;
    b.forEach(function (x, i) { h += (i === 4 || i === 6 || i === 8 || i === 10 ? "-" : "") + (x + 256).toString(16).slice(1); });
    return h;
  }
  /* An anonymous id of this browser, made once: no name or address ever. */
  var who = get(P + "actor");
  if (!who) put(P + "actor", who = uuid());
  /* One registration per run of a scenario (this tab), so a report can group a run's decisions. */
  function registration(sid, done) {
    var key = P + "run:" + sid, id = null;
    try { id = window.sessionStorage.getItem(key); } catch (e) { id = mem[key]; }
    if (!id) id = uuid();
    try {
      if (done) window.sessionStorage.removeItem(key); else window.sessionStorage.setItem(key, id);
    } catch (e) { mem[key] = done ? null : id; }
    return id;
  }
  function activity(id, type) {
    return { objectType: "Activity", id: id, definition: { type: "http://adlnet.gov/expapi/activities/" + type } };
  }
  function add(sid, verb, object, result, done) {
    var scenario = base + "scenarios/" + sid, parent = [activity(scenario, "simulation")];
    var s = {
      id: uuid(),
      actor: { objectType: "Agent", account: { homePage: base, name: who } },
      verb: { id: V + verb, display: { "en-US": verb } },
      object: object || activity(scenario, "simulation"),
      result: result,
      context: { registration: registration(sid, done),
                 contextActivities: object ? { parent: parent } : { grouping: [activity(base, "course")] } },
      timestamp: new Date().toISOString()
    };
    var q = queue();
    q.push(s);
    put(Q, JSON.stringify(q));
  }
  function slug(x) { return /^[a-z0-9][a-z0-9-]{0,79}$/.test(x); }

  document.addEventListener("sc:decision", function (e) {
    var d = e.detail, net = 0, effects = {};
    if (!d || !slug(d.scenario) || !slug(d.step) || !(d.choice >= 0)) return;
    Object.keys(d.effects || {}).forEach(function (k) { net += effects[k] = Number(d.effects[k]) || 0; });
    var step = base + "scenarios/" + d.scenario + "/" + d.step, object = activity(step, "cmi.interaction");
    object.definition.interactionType = "choice";
    var result = { response: String(d.choice), extensions: {} };
    if (net) result.success = net > 0;
    result.extensions[X + "choice"] = step + "/" + d.choice;
    result.extensions[X + "text"] = String(d.text).slice(0, 500);
    result.extensions[X + "effects"] = effects;
    add(d.scenario, "answered", object, result, false);
    flush();
  });

  document.addEventListener("sc:complete", function (e) {
    var d = e.detail;
    if (!d || !slug(d.scenario) || !(d.score >= 0 && d.score <= 100)) return;
    function result(success) {
      var r = { completion: true, score: { scaled: d.score / 100, raw: d.score, min: 0, max: 100 }, extensions: {} };
      if (success !== undefined) r.success = success;
      r.extensions[X + "tier"] = String(d.tier);
      return r;
    }
    add(d.scenario, "completed", null, result(), false);
    add(d.scenario, d.score >= S.mastery ? "passed" : "failed", null, result(d.score >= S.mastery), true);
    flush();
  });

  /* Oldest first, one at a time; a statement leaves the queue only once the endpoint took it. */
  function flush() {
    var s = queue()[0];
    if (busy || !s) return;
    busy = true;
    var stop = new AbortController(), timer = setTimeout(function () { stop.abort(); }, S.timeout * 1000);
    fetch(end + "statements?statementId=" + encodeURIComponent(s.id), {
      method: "PUT", body: JSON.stringify(s), signal: stop.signal, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" }
    }).then(function (r) {
      /* 409: the LRS has this id already. 400: it never will take it; keeping it would block the rest. */
      return r.ok || r.status === 409 || r.status === 400;
    }, function () { return false; }).then(function (taken) {
      clearTimeout(timer);
      busy = false;
      if (taken) {
        put(Q, JSON.stringify(queue().filter(function (x) { return x && x.id !== s.id; })));
        wait = 1000;
        flush();
      } else {
        clearTimeout(retry);
        retry = setTimeout(flush, wait);
        wait = Math.min(wait * 2, 300000);
      }
    });
  }
  window.addEventListener("online", function () { wait = 1000; flush(); });
  flush();  /* what an earlier page left, offline or refused */
})();
