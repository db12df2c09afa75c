/* service-scenarios player: one step at a time, scores like generator/score.py.
   Data comes from data-* attributes (never inline JSON scripts: Material's
   instant navigation re-creates those). Texts are cloned from the static case
   on the page, which was escaped when the site was built. */
(function () {
  "use strict";
  var PREFIX = "service-scenarios:v1:";
  var RUN = "service-scenarios:run:v1:";
  /* The build this player belongs to, written by `python -m generator offline`
     (empty when a builder skipped that step: then no page is refused). */
  var BUILD = /*sc-build*/"";
  var RELOADED = "service-scenarios:reloaded:";

  function own(object, key) {
    return !!object && Object.prototype.hasOwnProperty.call(object, key);
  }

  /* Progress (localStorage) that never throws: private mode, quota, corrupt or foreign entries. */
  var store = {
    get: function (id) {
      try {
        var v = JSON.parse(window.localStorage.getItem(PREFIX + id));
        if (v && typeof v === "object" && Number.isInteger(v.best) && v.best >= 0 &&
            v.best <= 100 && typeof v.tierName === "string" && v.tierName.length <= 80) return v;
      } catch (e) { /* unreadable: treat as not played */ }
      return null;
    },
    put: function (id, value) {
      try { window.localStorage.setItem(PREFIX + id, JSON.stringify(value)); return true; }
      catch (e) { return false; }
    }
  };

  /* The run in progress (sessionStorage, this tab only): read as untrusted, never throws. */
  var session = {
    get: function (id) {
      try { return JSON.parse(window.sessionStorage.getItem(RUN + id)); } catch (e) { return null; }
    },
    put: function (id, run) {
      try { window.sessionStorage.setItem(RUN + id, JSON.stringify(run)); } catch (e) { /* not kept */ }
    },
    drop: function (id) {
      try { window.sessionStorage.removeItem(RUN + id); } catch (e) { /* nothing to drop */ }
    }
  };

  /* For an LMS adapter (python -m generator package); on the site nothing listens. */
  function emit(name, detail) {
    document.dispatchEvent(new CustomEvent("sc:" + name, { detail: detail }));
  }
  function data(el, name) {
    try { return JSON.parse(el.getAttribute(name)) || {}; } catch (e) { return {}; }
  }
  /* A catalogue entry may be {"one": ..., "other": ...}: the wording for the count n
     (the rule of en, sv, nb and da). A plain text is the same for every count. */
  function plural(entry, n) {
    if (!entry || typeof entry !== "object") return entry;
    return (n === 1 && entry.one) || entry.other;
  }
  function fmt(text, values) {
    return String(plural(text, values && values.n)).replace(/\{(\w+)\}/g, function (m, k) {
      return own(values, k) ? values[k] : m;
    });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function copy(root, selector) {
    var found = root.querySelector(selector);
    var box = el("div");
    if (found) box.appendChild(found.cloneNode(true));
    box.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    return box;
  }
  /* Same integers as generator.score.normalise: floor(100*(t-w)/(b-w) + 1/2). */
  function normalise(total, worst, best) {
    var span = best - worst;
    if (span <= 0) return 100;
    return Math.floor((200 * (total - worst) + span) / (2 * span));
  }
  function tierFor(tiers, score) {
    var found = tiers[0];
    tiers.forEach(function (t) { if (t.min <= score) found = t; });
    return found;
  }
  /* Fisher-Yates: a random order of 0..n-1. */
  function shuffled(n) {
    var order = [], i, j, k;
    for (i = 0; i < n; i++) order.push(i);
    for (i = n - 1; i > 0; i--) {
      j = Math.floor(Math.random() * (i + 1));
      k = order[i]; order[i] = order[j]; order[j] = k;
    }
    return order;
  }
  function isOrder(order, n) {
    var seen = {};
    return Array.isArray(order) && order.length === n && order.every(function (i) {
      if (!Number.isInteger(i) || i < 0 || i >= n || seen[i]) return false;
      seen[i] = true;
      return true;
    });
  }
  /* A saved run, only if it is a run of exactly this model: else null (start afresh). */
  function validRun(run, m) {
    if (!run || typeof run !== "object" || run.version !== m.version || !Array.isArray(run.path) ||
        !run.orders || typeof run.orders !== "object" || Array.isArray(run.orders) ||
        typeof run.open !== "boolean" || typeof run.why !== "boolean" ||
        typeof run.done !== "boolean") return null;
    var at = m.start, shown = [];
    var follows = run.path.every(function (p) {
      if (!Array.isArray(p) || p.length !== 2 || p[0] !== at || !own(m.steps, at) ||
          !Number.isInteger(p[1]) || p[1] < 0 || p[1] >= m.steps[at].length) return false;
      shown.push(at);
      at = m.steps[at][p[1]].next;
      return true;
    });
    var ended = !own(m.steps, at), playing = !run.open && !run.done;
    /* Finished: at an ending. Outcome open: after a pick. Else: at a step to play. */
    if (!follows || (run.done && (run.open || !ended)) || (run.open && !run.path.length) ||
        (playing && ended)) return null;
    if (playing) shown.push(at);
    var orders = Object.keys(run.orders).every(function (id) {
      return own(m.steps, id) && isOrder(run.orders[id], m.steps[id].length);
    });
    return orders && shown.every(function (id) { return own(run.orders, id); }) ? run : null;
  }

  function Player(root) {
    this.root = root;
    this.model = data(root, "data-model");
    this.t = data(root, "data-strings");
    this.view = root.querySelector("[data-player]");
    this.caseEl = root.querySelector("[data-case]");
  }
  Player.prototype.save = function () { session.put(this.model.id, this.run); };
  Player.prototype.start = function (focus) {
    this.run = { version: this.model.version, path: [], orders: {}, open: false, why: false, done: false };
    this.render(focus);
  };
  Player.prototype.resume = function () {
    this.run = validRun(session.get(this.model.id), this.model);
    if (this.run) this.render(false); else this.start(false);
  };
  /* Shows the run as it stands: a step, a step with its outcome open, or the review. */
  Player.prototype.render = function (focus) {
    var path = this.run.path, last = path[path.length - 1];
    if (this.run.done) {
      this.finish(focus);
    } else if (this.run.open) {
      this.show(last[0], false);
      this.reveal(false);
    } else {
      this.show(last ? this.model.steps[last[0]][last[1]].next : this.model.start, focus);
    }
    this.save();
  };
  Player.prototype.card = function (heading) {
    this.view.textContent = "";
    var card = el("section", { "class": "sc-card" });
    var h = el("h2", { tabindex: "-1" }, heading);
    card.appendChild(h);
    this.view.appendChild(card);
    return { card: card, heading: h };
  };
  /* Kept, not redrawn: the page's first card (scenario.md.j2) stays its largest paint. */
  Player.prototype.adopt = function (stepId, heading) {
    var card = this.view.querySelector(".sc-card[data-first]");
    if (!card || card.getAttribute("data-first") !== stepId) return null;
    card.removeAttribute("data-first");
    var h = card.querySelector("h2");
    if (h.textContent !== heading) h.textContent = heading;
    return { card: card, heading: h, kept: true };
  };
  Player.prototype.option = function (stepId, index) {
    var step = this.caseEl.querySelector('[data-step="' + stepId + '"]');
    return step.querySelector('[data-option="' + index + '"]');
  };
  Player.prototype.text = function (stepId, index) {
    return this.option(stepId, index).querySelector("[data-response]").textContent;
  };
  /* "Step 2 of 4" when every way on is as long, else "Step 2 of at most 4". */
  Player.prototype.counter = function (stepId, n) {
    var left = (this.model.remaining || {})[stepId] || [1, 1];
    return fmt(left[0] === left[1] ? this.t.stepOf : this.t.stepOfAtMost,
               { n: n, total: n - 1 + left[1] });
  };
  Player.prototype.show = function (stepId, focus) {
    var self = this, t = this.t, run = this.run, choices = this.model.steps[stepId];
    var step = this.caseEl.querySelector('[data-step="' + stepId + '"]');
    var n = run.path.length + (run.open ? 0 : 1);
    var heading = this.counter(stepId, n), c = this.adopt(stepId, heading) || this.card(heading);
    if (!c.kept) c.card.appendChild(copy(step, "[data-situation]"));
    if (!own(run.orders, stepId)) run.orders[stepId] = shuffled(choices.length);
    var group = el("div", { "class": "sc-buttons", role: "group", "aria-label": t.choicesLabel });
    run.orders[stepId].forEach(function (i) {
      var b = el("button", { type: "button", "class": "sc-choice", "data-choice": String(i) },
                 self.text(stepId, i));
      b.addEventListener("click", function () { self.choose(stepId, i); });
      group.appendChild(b);
    });
    c.card.appendChild(group);
    c.card.appendChild(el("div", { "class": "sc-outcome", "aria-live": "polite" }));
    this.group = group;
    if (focus) c.heading.focus();
  };
  Player.prototype.choose = function (stepId, index) {
    this.run.path.push([stepId, index]);
    this.run.open = true;
    this.run.why = false;
    this.save();
    this.reveal(true);
    emit("decision", { scenario: this.model.id, step: stepId, choice: index,
                       text: this.text(stepId, index), effects: this.model.steps[stepId][index].effects });
  };
  /* The outcome of the last pick: what happened first, the feedback behind "Why?". */
  Player.prototype.reveal = function (focus) {
    var self = this, t = this.t, run = this.run, m = this.model;
    var pick = run.path[run.path.length - 1], option = this.option(pick[0], pick[1]);
    var next = m.steps[pick[0]][pick[1]].next, ending = !own(m.steps, next);
    var live = this.view.querySelector(".sc-outcome");
    this.group.replaceWith(el("p", { "class": "sc-chosen" },
      t.youChose + ": " + this.text(pick[0], pick[1])));
    var h = el("h3", { tabindex: "-1" }, t.consequence);
    live.appendChild(h);
    live.appendChild(copy(option, "[data-consequence]"));
    var id = "sc-why-" + m.id, why = copy(option, "[data-feedback]");
    why.id = id;
    why.hidden = !run.why;
    var ask = el("button", { type: "button", "class": "sc-why", "aria-expanded": String(run.why),
                             "aria-controls": id }, t.why);
    ask.addEventListener("click", function () {
      run.why = why.hidden;
      why.hidden = !run.why;
      ask.setAttribute("aria-expanded", String(run.why));
      self.save();
    });
    live.appendChild(ask);
    live.appendChild(why);
    var go = el("button", { type: "button", "class": "sc-continue", "data-continue": "" },
      ending ? t.seeResult : t["continue"]);
    go.addEventListener("click", function () {
      run.open = false;
      run.done = ending;
      self.render(true);
    });
    live.appendChild(go);
    if (focus) {
      h.focus({ preventScroll: true });
      go.scrollIntoView({ block: "nearest" });
    }
  };
  Player.prototype.finish = function (focus) {
    var self = this, t = this.t, m = this.model, path = this.run.path;
    var last = path[path.length - 1], endingId = m.steps[last[0]][last[1]].next;
    var ending = this.caseEl.querySelector('[data-ending="' + endingId + '"]');
    var net = {}, total = 0;
    path.forEach(function (p) {
      var effects = m.steps[p[0]][p[1]].effects;
      Object.keys(effects).forEach(function (k) {
        net[k] = (net[k] || 0) + effects[k];
        total += effects[k];
      });
    });
    /* Caps, as generator.score.capped: violating a capped principle keeps at most its ceiling. */
    var score = normalise(total, m.worst, m.best);
    var capped = Object.keys(m.caps || {}).filter(function (p) { return (net[p] || 0) < 0; });
    capped.forEach(function (p) { score = Math.min(score, m.caps[p]); });
    var tier = tierFor(m.tiers, score);
    var c = this.card(ending.querySelector("[data-ending-title]").textContent);
    c.card.setAttribute("data-result", "");
    c.card.setAttribute("data-score", String(score));
    c.card.setAttribute("data-tier", tier.id);
    var p = el("p", { "class": "sc-score" });
    p.appendChild(el("strong", {}, fmt(t.score, { score: score })));
    p.appendChild(document.createTextNode(" · " + t.tier + ": " + tier.name));
    c.card.appendChild(p);
    c.card.appendChild(el("p", {}, tier.description));
    var above = m.tiers.filter(function (x) { return x.min > score; })[0];
    capped.forEach(function (id) {
      c.card.appendChild(el("p", { "class": "sc-gap sc-capped" }, fmt(t.capped,
        { tier: tierFor(m.tiers, m.caps[id]).name, principle: m.principles[id] || id })));
    });
    if (!capped.length) {
      c.card.appendChild(el("p", { "class": "sc-gap" }, !above ? t.topTier :
        fmt(above.min - score === 1 ? t.pointShort : t.pointsShort,
            { points: above.min - score, tier: above.name })));
    }
    if (total === m.best) c.card.appendChild(el("p", {}, t.foundBest));
    c.card.appendChild(el("h3", {}, t.principles));
    var ul = el("ul", { "class": "sc-breakdown" });
    Object.keys(m.principles).forEach(function (id) {
      var w = net[id] || 0, li = el("li", { "class": w > 0 ? "sc-up" : "sc-down" });
      if (!w) return;
      var link = self.caseEl.querySelector('[data-principle-links] [data-principle="' + id + '"]');
      li.appendChild(link ? link.cloneNode(true) : document.createTextNode(m.principles[id]));
      li.appendChild(document.createTextNode(": " + (w > 0 ? t.upheld : t.violated)));
      ul.appendChild(li);
    });
    c.card.appendChild(ul.children.length ? ul : el("p", {}, t.noPrinciples));
    c.card.appendChild(copy(ending, "[data-debrief]"));
    c.card.appendChild(el("h3", {}, t.yourPath));
    var ol = el("ol", { "class": "sc-path" });
    path.forEach(function (pick) {
      var option = self.option(pick[0], pick[1]), li = el("li");
      li.appendChild(el("p", { "class": "sc-response" }, self.text(pick[0], pick[1])));
      li.appendChild(copy(option, "[data-consequence]"));
      li.appendChild(copy(option, "[data-feedback]"));
      ol.appendChild(li);
    });
    c.card.appendChild(ol);
    var goals = this.caseEl.querySelector("[data-goals]");
    if (goals) {
      c.card.appendChild(el("h3", {}, goals.querySelector("h2").textContent));
      c.card.appendChild(copy(goals, "ul"));
    }
    c.card.appendChild(copy(this.caseEl, "[data-onward]"));
    var again = el("button", { type: "button", "class": "sc-continue", "data-restart": "" }, t.tryAgain);
    again.addEventListener("click", function () {
      session.drop(m.id);
      self.start(true);
    });
    c.card.appendChild(again);
    if (focus) {  /* a run that just ended (not a review shown again after a reload) */
      var before = store.get(m.id);
      var best = before && before.best > score ? before : { best: score, tierName: tier.name };
      this.kept = store.put(m.id, { best: best.best, tierName: best.tierName, last: score, tier: tier.id });
      emit("complete", { scenario: m.id, score: score, tier: tier.id, total: total, worst: m.worst, best: m.best });
    }
    if (this.kept === false) c.card.appendChild(el("p", { "class": "sc-note" }, t.noStorage));
    if (focus) c.heading.focus();
  };
  /* Opens on the first choice: the setting folds away when it would push it below the
     fold, and the roles with it when that is not enough; opening the setting shows all. */
  Player.prototype.fit = function () {
    var root = this.root, setting = root.querySelector("[data-setting]");
    var first = this.view.querySelector("button[data-choice], [data-continue], [data-restart]");
    function below() {
      return first.getBoundingClientRect().bottom + window.pageYOffset > window.innerHeight;
    }
    function fold() {
      if (!below()) return;
      if (setting.open) setting.open = false;
      if (below()) root.classList.add("sc-folded");
    }
    if (!setting) return;
    setting.addEventListener("toggle", function () {
      if (setting.open) root.classList.remove("sc-folded");
    });
    /* a phone saw it folded from the first paint (.sc-phone) */
    if (document.documentElement.classList.contains("sc-phone")) {
      setting.open = false;
      root.classList.add("sc-folded");
      return;
    }
    if (!first) return;
    fold();
    /* again once styled: an async script may run before the styles arrive */
    requestAnimationFrame(fold);
  };

  function marks(root) {
    var t = data(root.querySelector("[data-progress-strings]") || root, "data-progress-strings");
    var items = root.querySelectorAll("[data-progress-item]"), done = 0;
    items.forEach(function (item) {
      var mark = item.querySelector("[data-progress-mark]");
      var saved = store.get(item.getAttribute("data-progress-item"));
      if (saved) done += 1;
      if (mark && t.done) {
        mark.textContent = saved ? fmt(t.done, { score: saved.best, tier: saved.tierName }) : t.notDone;
        item.classList.toggle("sc-done", !!saved);
      }
    });
    var summary = root.querySelector("[data-progress-summary]");
    if (summary) summary.textContent = fmt(plural(t.summary, items.length),
      { done: done, total: items.length });
  }

  /* A page of another build than this player (instant navigation after a new
     build was published, or a half-published site): never run against its
     data. Load the page afresh once, which brings its own player; if that
     does not help, the page stays the complete case to read, as without JS. */
  function foreign(root) {
    var build = root.getAttribute("data-build");
    if (!BUILD || !build || build === BUILD) return false;
    var key = RELOADED + build + ":" + location.pathname;
    try {
      if (!window.sessionStorage.getItem(key)) {
        window.sessionStorage.setItem(key, "1");
        location.reload();
      }
    } catch (e) { /* no storage: no reload either, so never a loop */ }
    return true;
  }

  /* The service worker that keeps the site for offline use, when the build has one.
     Registered after the page has loaded, so it never competes with the first choice. */
  function keepOffline() {
    var meta = document.querySelector('meta[name="sc-worker"]');
    if (!meta || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(meta.getAttribute("content"), { updateViaCache: "none" })
      .catch(function () { /* no worker: pages keep working online */ });
  }
  if (document.readyState === "complete") keepOffline();
  else window.addEventListener("load", keepOffline);

  function init() {
    document.querySelectorAll("[data-scenario]").forEach(function (root) {
      if (root.hasAttribute("data-ready") || foreign(root)) return;
      root.setAttribute("data-ready", "");
      var player = new Player(root);
      if (!player.view || !player.caseEl || !player.model.steps) return;
      player.caseEl.hidden = true;
      player.view.hidden = false;
      player.resume();
      player.fit();
    });
    if (document.querySelector("[data-progress-item]")) marks(document);
    /* The checklist's boxes are named by their line (the Markdown task list wraps
       only the box in its label: Lighthouse, "form elements have labels"). */
    document.querySelectorAll(".sc-checklist .task-list-item").forEach(function (item) {
      var box = item.querySelector("input[type=checkbox]");
      if (box && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", item.textContent.trim());
    });
    /* The doorstep checklist's Print button: without JavaScript it stays hidden. */
    document.querySelectorAll("[data-print]").forEach(function (button) {
      if (!button.hidden) return;
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* Loaded async (mkdocs.yml): the first choice is shown as soon as the page is
     parsed, without waiting for Material's bundle (35 KB more on a slow line).
     Material's document$ (instant navigation) is subscribed once the bundle has
     run, by DOMContentLoaded at the latest; it replays the current page, which
     init skips as already started. */
  var subscribed = false;
  function follow() {
    if (subscribed || !window.document$ || typeof window.document$.subscribe !== "function") {
      return subscribed;
    }
    subscribed = true;
    window.document$.subscribe(init);
    return true;
  }
  if (!follow()) {
    if (document.readyState === "loading") {
      document.addEventListener("readystatechange", function once() {
        document.removeEventListener("readystatechange", once);
        init();
      });
    } else {
      init();
    }
    document.addEventListener("DOMContentLoaded", function () { if (!follow()) init(); });
  }
})();
