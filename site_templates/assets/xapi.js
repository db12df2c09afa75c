/* service-scenarios xAPI adapter (README: "xAPI statements"). The plugin adds it to
   the pages only when mkdocs.yml sets `xapi:`; without that setting no page has it.
   It listens to the player's events (sc:decision, sc:complete), turns each into
   statements with ids made once here, keeps them in a queue in localStorage, and
   PUTs them one at a time to the organisation's endpoint (its proxy, which adds
   the credentials: none is ever in a page). A PUT of an id the LRS already has
   changes nothing there, so a statement sent again after a lost answer is stored
   once. Offline, refused (401, 5xx) or slow: the queue waits and is retried later;
   the player never waits for it. A cmi5 package ships it with its cmi5 blocks. */
(function () {
  "use strict";
  var S = /*sc-xapi*/{};  /* the settings, written by the plugin at build time */
  var html = document.documentElement, me = document.currentScript;
  if (!me || html.hasAttribute("data-sc-xapi-on")) return;
  var P = "service-scenarios:xapi:v1:", Q = P + "queue";
  var V = "http://adlnet.gov/expapi/verbs/", X = "urn:service-scenarios:xapi:";
  /* This file is assets/<name>.js: the site's root is one folder up. */
  var end = S.endpoint && new URL(S.endpoint, new URL("..", me.src)).href.replace(/\/?$/, "/");
  var base = S.activities, mem = {}, busy = "", wait = 1000, retry = 0, ready = true, begin = flush;
  var H = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
  /*cmi5{*/
  if (S.cmi5) cmi5();
  /*}cmi5*/
  if (!end) return;
  html.setAttribute("data-sc-xapi-on", "");  /* once, also under instant navigation */

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
  function scenario(sid) { return base + "scenarios/" + sid; }
  function shape(s) { return s; }
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
    var parent = [activity(scenario(sid), "simulation")];
    var s = shape({
      id: uuid(),
      actor: { objectType: "Agent", account: { homePage: base, name: who } },
      verb: { id: V + verb, display: { "en-US": verb } },
      object: object || parent[0],
      result: result,
      context: { registration: registration(sid, done),
                 contextActivities: object ? { parent: parent } : { grouping: [activity(base, "course")] } },
      timestamp: new Date().toISOString()
    }, verb);
    if (!s) return;
    var q = queue();
    q.push(s);
    put(Q, JSON.stringify(q));
  }
  function slug(x) { return /^[a-z0-9][a-z0-9-]{0,79}$/.test(x); }

  document.addEventListener("sc:decision", function (e) {
    var d = e.detail, net = 0, effects = {};
    if (!d || !slug(d.scenario) || !slug(d.step) || !(d.choice >= 0)) return;
    Object.keys(d.effects || {}).forEach(function (k) { net += effects[k] = Number(d.effects[k]) || 0; });
    var step = scenario(d.scenario) + "/" + d.step, object = activity(step, "cmi.interaction");
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

  /* A request given up after the timeout; keepalive: one on its way as the page closes arrives. */
  function ask(url, init) {
    var stop = new AbortController(), timer = setTimeout(function () { stop.abort(); }, S.timeout * 1000);
    init.signal = stop.signal;
    init.credentials = "same-origin";
    init.keepalive = true;
    return fetch(url, init).finally(function () { clearTimeout(timer); });
  }
  /* True once the endpoint took it, and then it leaves the queue. 409: the LRS has this id
     already. 400: it never will take it; keeping it would block the rest. */
  function send(s) {
    return ask(end + "statements?statementId=" + encodeURIComponent(s.id), { method: "PUT", body: JSON.stringify(s), headers: H })
      .then(function (r) { return r.ok || r.status === 409 || r.status === 400; }, function () { return false; })
      .then(function (taken) {
        if (taken) put(Q, JSON.stringify(queue().filter(function (x) { return x && x.id !== s.id; })));
        return taken;
      });
  }
  /* Oldest first, one at a time; a statement leaves the queue only once the endpoint took it. */
  function flush() {
    var s = queue()[0];
    if (busy || !s || !ready) return;
    busy = s.id;
    send(s).then(function (taken) {
      busy = "";
      if (taken) {
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
  begin();  /* what an earlier page left, offline or refused (cmi5: the launch first) */
  /*cmi5{*/
  /* A cmi5 launch (cmi5 spec sections 8-10; README "LMS packages"). The LMS's launch URL
     gives endpoint, fetch, actor, registration and activityId; one POST to fetch gives
     the token; the LMS.LaunchData state document gives the context template, the launch
     mode and the mastery score. Statements wait in memory only (a later launch is another
     session, with another token) until all of that is known; each gets the template's
     context; completed, passed and failed are cmi5 defined statements when section 9.3
     lets them be, else "allowed" ones, as the decisions are. Without a launch, no token
     or no launch data: nothing is sent, and a small note says so. With a returnURL in
     the launch data, a button below the player ends the session and goes there. */
  function cmi5() {
    var q = new URLSearchParams(location.search), sco = q.get("sco"), L = {}, held = [];
    var C = "https://w3id.org/xapi/cmi5/context/", made = add, session = {}, mastery, started, mode, over, back;
    var names = ["endpoint", "fetch", "actor", "registration", "activityId"];
    end = "";
    S.mastery = Number(me.getAttribute("data-sc-mastery"));  /* the AU's, if the LMS gives none */
    if (!sco) return;  /* another page of the package: the learner reads on, unrecorded */
    try {
      names.forEach(function (n) { if (!(L[n] = q.get(n))) throw n; });
      L.actor = JSON.parse(L.actor);
    } catch (e) { return note(); }
    end = L.endpoint.replace(/\/?$/, "/");
    ready = false;
    /* Memory only: the queue, and the actor the core would make (the LMS's replaces it). */
    get = function (k) { return mem[k] || null; };
    put = function (k, v) { mem[k] = v; };
    scenario = function () { return L.activityId; };
    registration = function () { return L.registration; };
    add = function (sid) {  /* this AU's scenario only; before the launch is read, held */
      if (sid !== sco || over) return;  /* over: not recording, or terminated (the last) */
      if (ready) made.apply(null, arguments); else held.push(arguments);
    };
    function since() { return "PT" + Math.round((Date.now() - started) / 10) / 100 + "S"; }
    /* Into this AU's player, once the page is there: the note on top, the way out below. */
    function place(tag, name, top) {
      var node = document.createElement(tag);
      node.setAttribute("data-sc-lms-" + name, "");
      node.textContent = me.getAttribute("data-sc-" + name) || "";
      function show() {
        var root = document.querySelector('[data-scenario="' + sco + '"]');
        if (root) root.insertBefore(node, top ? root.firstChild : (root.querySelector("[data-player]") || root.lastChild).nextSibling);
      }
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
      else show();
      return node;
    }
    function note() {
      var p = place("p", "note", true);
      p.className = "sc-note";
      p.setAttribute("role", "status");
      over = true;
      held = [];
    }
    /* terminated, once: the last statement of the session (section 9.3.8). */
    function stop() {
      if (ready && !over) made(sco, "terminated", null, { duration: since() }, true);
      over = true;
    }
    /* The way out (section 10, returnURL): terminated, then what is queued leaves in
       order, each taken before the next, and only then the window goes to the LMS's
       page. A refused or lost send does not keep the learner: the rest leaves with
       keepalive, as when the page closes. ready off: the core sends no more itself. */
    function exit() {
      this.disabled = true;  /* once */
      stop();
      ready = false;
      (function drain() {
        var s = queue()[0];
        if (!s) return location.assign(back);
        send(s).then(function (taken) {
          if (taken) return drain();
          rest();
          location.assign(back);
        });
      })();
    }
    function rest() {
      queue().forEach(function (s) { if (s.id !== busy) send(s); });
    }
    /* May this verb be a cmi5 defined statement (section 9.3)? Once per session, one of
       passed/failed per session; completed and passed once per registration, no failed
       after passed: what earlier launches sent is remembered in this browser. */
    function defined(verb) {
      var k = P + "cmi5:" + L.registration + ":" + L.activityId, before = mem[k] || "";
      try { before = window.localStorage.getItem(k) || before; } catch (e) { /* this session's */ }
      before = before.split(" ");
      if (session[verb] || (verb !== "completed" && (session.passed || session.failed)) ||
          before.indexOf(verb === "failed" ? "passed" : verb) >= 0) return false;
      session[verb] = 1;
      before.push(verb);
      mem[k] = before.join(" ");
      try { window.localStorage.setItem(k, mem[k]); } catch (e) { /* this session only */ }
      return true;
    }
    shape = function (s, verb) {
      var c = JSON.parse(JSON.stringify(L.template)), r = s.result || {}, own = verb === "initialized" || verb === "terminated";
      var a = c.contextActivities = c.contextActivities || {}, x = c.extensions = c.extensions || {};
      var category = [{ objectType: "Activity", id: C + "categories/cmi5" }];
      s.actor = L.actor;
      if (s.object.id === L.activityId) s.object = { objectType: "Activity", id: L.activityId };
      if (s.context.contextActivities.parent) a.parent = (a.parent || []).concat(s.context.contextActivities.parent);
      if (/^(completed|passed|failed)$/.test(verb)) {
        if (mode !== "Normal") return null;  /* Browse, Review: no judgement recorded */
        if (verb !== "completed") {
          /* Against the LMS's mastery score, to 4 places as cmi5 writes it. */
          verb = Math.round(r.score.scaled * 1e4) >= Math.round(mastery * 1e4) ? "passed" : "failed";
          r.success = verb === "passed";
          s.verb = { id: V + verb, display: { "en-US": verb } };
        }
        r.duration = since();
        if ((own = defined(verb))) {
          category.push({ objectType: "Activity", id: C + "categories/moveon" });
          if (verb === "completed") delete r.score; else { delete r.completion; x[C + "extensions/masteryscore"] = mastery; }
        }
      }
      if (own) a.category = (a.category || []).concat(category);
      c.registration = L.registration;
      s.context = c;
      return s;
    };
    begin = function () {
      ask(L.fetch, { method: "POST", headers: {} }).then(function (r) { return r.json(); }).then(function (t) {
        if (!t["auth-token"]) throw t;
        H.Authorization = "Basic " + t["auth-token"];
        return ask(end + "activities/state?stateId=LMS.LaunchData&activityId=" + encodeURIComponent(L.activityId) +
                   "&agent=" + encodeURIComponent(JSON.stringify(L.actor)) + "&registration=" + encodeURIComponent(L.registration),
                   { method: "GET", headers: H });
      }).then(function (r) { return r.json(); }).then(function (d) {
        if (!d || typeof d.contextTemplate !== "object" || over) throw d;
        L.template = d.contextTemplate;
        mode = d.launchMode;
        mastery = d.masteryScore >= 0 && d.masteryScore <= 1 ? d.masteryScore : S.mastery / 100;
        try { back = new URL(d.returnURL, location.href).href; } catch (e) { /* none */ }
        if (typeof d.returnURL !== "string" || !/^https?:/.test(back)) back = "";  /* no javascript: */
        /* Then the learner's preferences (section 11), as the AU flow reads them. A package
           is one language and has no audio, so nothing in them changes the page; none
           (404), refused or unreadable is the same. */
        return ask(end + "agents/profile?profileId=cmi5LearnerPreferences&agent=" + encodeURIComponent(JSON.stringify(L.actor)),
                   { method: "GET", headers: H }).then(function (r) { return r.ok && r.json(); }).catch(function () { /* none */ });
      }).then(function () {
        started = Date.now();
        ready = true;
        made(sco, "initialized", null, undefined, false);
        held.forEach(function (args) { made.apply(null, args); });
        held = [];
        flush();
        if (!back) return;
        var b = place("button", "exit");
        b.type = "button";
        b.className = "sc-why";  /* the player's secondary button */
        b.addEventListener("click", exit);
      }).catch(note);
    };
    /* The session ends with the page: terminated last, and everything still queued leaves
       now, with keepalive, except the statement already on its way. */
    window.addEventListener("pagehide", function () {
      if (!ready) return;  /* not launched yet, or the way out has sent everything already */
      stop();
      ready = false;
      rest();
    });
  }
  /*}cmi5*/
})();
