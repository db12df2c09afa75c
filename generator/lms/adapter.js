/* service-scenarios LMS adapter (SCORM 1.2 and 2004). `python -m generator package`
   adds it to the scenario pages inside a package, never to the site. It listens to
   the player's events (sc:decision, sc:complete) and reports them to the API the
   LMS puts in a parent window: status, score, success against the mastery score,
   one interaction per decision, and the run in progress in suspend_data (the
   player's own sessionStorage entry, restored on resume before the player starts).
   It reports only on the page the LMS launched (?sco=<scenario id>). Without an
   API, or when the API throws, the player plays on and a small note says so. */
(function () {
  "use strict";
  var me = document.currentScript, html = document.documentElement;
  var sco = (/[?&]sco=([A-Za-z0-9_-]+)/.exec(location.search) || [])[1];
  if (!me || !sco || html.hasAttribute("data-sc-lms-on")) return;
  html.setAttribute("data-sc-lms-on", "");
  var RUN = "service-scenarios:run:v1:" + sco;  /* player.js: the run of this tab */
  var v12 = me.getAttribute("data-sc-lms") === "scorm12";
  var packaged = Number(me.getAttribute("data-sc-mastery"));
  var started = Date.now(), live = false, noted = false;
  var F = v12 ? ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"]
              : ["Initialize", "GetValue", "SetValue", "Commit", "Terminate"];
  var C = v12 ? "cmi.core." : "cmi.";
  var LIMIT = v12 ? 4096 : 64000;  /* suspend_data: CMIString4096 (1.2), 64000 (2004) */

  function find(name) {
    var w = window;
    for (var hops = 0; w && hops < 10; hops++) {
      try { if (w[name]) return w[name]; } catch (e) { return null; }  /* another origin */
      if (w.parent === w) break;
      w = w.parent;
    }
    try { return window.opener && window.opener[name] || null; } catch (e) { return null; }
  }
  var api = find(v12 ? "API" : "API_1484_11");

  function note() {
    if (noted) return;
    noted = true;
    var show = function () {
      var root = document.querySelector('[data-scenario="' + sco + '"]');
      if (!root) return;
      var p = document.createElement("p");
      p.className = "sc-note";
      p.setAttribute("role", "status");
      p.setAttribute("data-sc-lms-note", "");
      p.textContent = me.getAttribute("data-sc-note") || "";
      root.insertBefore(p, root.firstChild);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
    else show();
  }
  function off() { live = false; note(); }
  /* Every call guarded: an API that throws switches reporting off, never the player. */
  function call(i, a, b) {
    if (!live) return "";
    try { return String(api[F[i]](a === undefined ? "" : a, b)); } catch (e) { off(); return ""; }
  }
  function get(name) { return call(1, name); }
  function set(name, value) { return call(2, name, String(value)); }
  function run() {
    try { return window.sessionStorage.getItem(RUN); } catch (e) { return null; }
  }
  function save() {
    var kept = run();
    if (kept && kept.length <= LIMIT) set("cmi.suspend_data", kept);
    call(3);
  }

  if (api) {
    live = true;
    try { live = String(api[F[0]]("")) === "true"; } catch (e) { live = false; }
  }
  if (!live) {
    off();
    return;
  }
  if (get(C + "entry") === "resume") {
    var kept = get("cmi.suspend_data");
    try { if (kept && typeof JSON.parse(kept) === "object") window.sessionStorage.setItem(RUN, kept); }
    catch (e) { /* unreadable or no storage: the player starts afresh */ }
  }
  if (v12) {
    if (/^(not attempted|browsed|)$/.test(get("cmi.core.lesson_status"))) {
      set("cmi.core.lesson_status", "incomplete");
    }
  } else if (get("cmi.completion_status") !== "completed") {
    set("cmi.completion_status", "incomplete");
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /* The mastery score (0-100) the LMS gives, else the one packaged (default: Good). */
  function mastery() {
    var given = get(v12 ? "cmi.student_data.mastery_score" : "cmi.scaled_passing_score");
    if (given !== "" && isFinite(given)) return v12 ? Number(given) : Number(given) * 100;
    return packaged;
  }

  document.addEventListener("sc:decision", function (e) {
    var d = e.detail;
    if (!live || !d || d.scenario !== sco) return;
    var n = Number(get("cmi.interactions._count")) || 0, p = "cmi.interactions." + n + ".";
    var net = 0, now = new Date(), effects = d.effects || {};
    var ids = Object.keys(effects).sort().map(function (k) {
      net += effects[k];
      return k + (effects[k] > 0 ? "_up" : "_down") + Math.abs(effects[k]);
    });
    set(p + "id", String(d.step).slice(0, 250));
    set(p + "type", "choice");
    ids.forEach(function (id, k) { set(p + "objectives." + k + ".id", id.slice(0, 250)); });
    if (v12) {
      set(p + "time", pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds()));
      set(p + "student_response", Number(d.choice).toString(36));
    } else {
      set(p + "timestamp", now.toISOString());
      set(p + "learner_response", Number(d.choice).toString(36));
      var lang = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{2,8})?$/.test(html.lang) ? "{lang=" + html.lang + "}" : "";
      set(p + "description", lang + String(d.text).slice(0, 250));
    }
    set(p + "result", net > 0 ? "correct" : net < 0 ? (v12 ? "wrong" : "incorrect") : "neutral");
    save();
  });

  /* A finished run. Within one attempt the best run stands, as on the progress page. */
  document.addEventListener("sc:complete", function (e) {
    var d = e.detail, before = get(C + "score.raw");
    if (!live || !d || d.scenario !== sco) return;
    if (before === "" || Number(before) <= d.score) {
      set(C + "score.min", 0);
      set(C + "score.max", 100);
      set(C + "score.raw", d.score);
      var pass = mastery(), passed = d.score >= pass;
      if (v12) {
        set("cmi.core.lesson_status", isFinite(pass) ? (passed ? "passed" : "failed") : "completed");
      } else {
        set("cmi.score.scaled", d.score / 100);
        set("cmi.completion_status", "completed");
        set("cmi.success_status", isFinite(pass) ? (passed ? "passed" : "failed") : "unknown");
      }
    }
    save();
  });

  window.addEventListener("pagehide", function () {
    if (!live) return;
    var state = null, seconds = Math.round((Date.now() - started) / 1000);
    try { state = JSON.parse(run()); } catch (e) { /* none */ }
    var done = !!(state && state.done);
    set(C + "exit", done ? (v12 ? "" : "normal") : "suspend");
    set(C + "session_time", v12
      ? pad(Math.floor(seconds / 3600)) + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60)
      : "PT" + seconds + "S");
    save();
    call(4);
    live = false;
  });
})();
