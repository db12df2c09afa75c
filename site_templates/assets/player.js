/* service-scenarios player: one step at a time, scores like generator/score.py.
   Data comes from data-* attributes (never inline JSON scripts: Material's
   instant navigation re-creates those). Texts are cloned from the static case
   on the page, which was escaped when the site was built. */
(function () {
  "use strict";
  var PREFIX = "service-scenarios:v1:";

  /* Storage that never throws: private mode, quota, corrupt or foreign entries. */
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

  function data(el, name) {
    try { return JSON.parse(el.getAttribute(name)) || {}; } catch (e) { return {}; }
  }
  function fmt(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) {
      return k in values ? values[k] : m;
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

  function Player(root) {
    this.root = root;
    this.model = data(root, "data-model");
    this.t = data(root, "data-strings");
    this.view = root.querySelector("[data-player]");
    this.caseEl = root.querySelector("[data-case]");
  }
  Player.prototype.start = function (focus) {
    this.path = [];
    this.show(this.model.start, focus);
  };
  Player.prototype.card = function (heading) {
    this.view.textContent = "";
    var card = el("section", { "class": "sc-card" });
    var h = el("h2", { tabindex: "-1" }, heading);
    card.appendChild(h);
    this.view.appendChild(card);
    return { card: card, heading: h };
  };
  Player.prototype.option = function (stepId, index) {
    var step = this.caseEl.querySelector('[data-step="' + stepId + '"]');
    return step.querySelector('[data-option="' + index + '"]');
  };
  Player.prototype.show = function (stepId, focus) {
    var self = this, t = this.t;
    var step = this.caseEl.querySelector('[data-step="' + stepId + '"]');
    var c = this.card(fmt(t.step, { n: this.path.length + 1 }));
    c.card.appendChild(copy(step, "[data-situation]"));
    var group = el("div", { "class": "sc-buttons", role: "group", "aria-label": t.choicesLabel });
    this.model.steps[stepId].forEach(function (choice, i) {
      var text = self.option(stepId, i).querySelector("[data-response]").textContent;
      var b = el("button", { type: "button", "class": "sc-choice", "data-choice": String(i) }, text);
      b.addEventListener("click", function () { self.choose(stepId, i, group, live); });
      group.appendChild(b);
    });
    c.card.appendChild(group);
    var live = el("div", { "class": "sc-outcome", "aria-live": "polite" });
    c.card.appendChild(live);
    if (focus) c.heading.focus();
  };
  Player.prototype.choose = function (stepId, index, group, live) {
    var self = this, t = this.t, option = this.option(stepId, index);
    var next = this.model.steps[stepId][index].next;
    this.path.push([stepId, index]);
    group.replaceWith(el("p", { "class": "sc-chosen" },
      t.youChose + ": " + option.querySelector("[data-response]").textContent));
    var h = el("h3", { tabindex: "-1" }, t.consequence);
    live.appendChild(h);
    live.appendChild(copy(option, "[data-consequence]"));
    live.appendChild(copy(option, "[data-feedback]"));
    var ending = !(next in this.model.steps);
    var go = el("button", { type: "button", "class": "sc-continue", "data-continue": "" },
      ending ? t.seeResult : t["continue"]);
    go.addEventListener("click", function () {
      if (ending) self.finish(next); else self.show(next, true);
    });
    live.appendChild(go);
    h.focus();
  };
  Player.prototype.total = function (path) {
    var steps = this.model.steps, net = {}, total = 0;
    path.forEach(function (p) {
      var effects = steps[p[0]][p[1]].effects;
      Object.keys(effects).forEach(function (k) {
        net[k] = (net[k] || 0) + effects[k];
        total += effects[k];
      });
    });
    return { total: total, net: net };
  };
  Player.prototype.list = function (path, withFeedback) {
    var self = this, ol = el("ol", { "class": "sc-path" });
    path.forEach(function (p) {
      var option = self.option(p[0], p[1]), li = el("li");
      li.appendChild(el("p", { "class": "sc-response" },
        option.querySelector("[data-response]").textContent));
      if (withFeedback) li.appendChild(copy(option, "[data-feedback]"));
      ol.appendChild(li);
    });
    return ol;
  };
  Player.prototype.finish = function (endingId) {
    var self = this, t = this.t, m = this.model;
    var ending = this.caseEl.querySelector('[data-ending="' + endingId + '"]');
    var sum = this.total(this.path);
    var score = normalise(sum.total, m.worst, m.best);
    var tier = tierFor(m.tiers, score);
    var c = this.card(ending.querySelector("[data-ending-title]").textContent);
    c.card.setAttribute("data-result", "");
    c.card.setAttribute("data-score", String(score));
    c.card.setAttribute("data-tier", tier.id);
    c.card.appendChild(copy(ending, "[data-debrief]"));
    var p = el("p", { "class": "sc-score" });
    p.appendChild(el("strong", {}, fmt(t.score, { score: score })));
    p.appendChild(document.createTextNode(" · " + t.tier + ": " + tier.name));
    c.card.appendChild(p);
    c.card.appendChild(el("p", {}, tier.description));
    c.card.appendChild(el("h3", {}, t.principles));
    var ul = el("ul", { "class": "sc-breakdown" });
    Object.keys(m.principles).forEach(function (id) {
      var w = sum.net[id] || 0;
      if (!w) return;
      ul.appendChild(el("li", { "class": w > 0 ? "sc-up" : "sc-down" },
        m.principles[id] + ": " + (w > 0 ? "+" : "") + w + " (" + (w > 0 ? t.upheld : t.violated) + ")"));
    });
    c.card.appendChild(ul.children.length ? ul : el("p", {}, t.noPrinciples));
    c.card.appendChild(el("h3", {}, t.yourPath));
    c.card.appendChild(this.list(this.path, true));
    c.card.appendChild(el("h3", {}, t.bestPath));
    if (this.total(m.bestPath).total === sum.total) c.card.appendChild(el("p", {}, t.foundBest));
    c.card.appendChild(this.list(m.bestPath, false));
    var again = el("button", { type: "button", "class": "sc-continue", "data-restart": "" }, t.tryAgain);
    again.addEventListener("click", function () { self.start(true); });
    c.card.appendChild(again);
    var before = store.get(m.id);
    var best = before && before.best > score ? before : { best: score, tierName: tier.name };
    if (!store.put(m.id, { best: best.best, tierName: best.tierName, last: score, tier: tier.id })) {
      c.card.appendChild(el("p", { "class": "sc-note" }, t.noStorage));
    }
    c.heading.focus();
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
    if (summary) summary.textContent = fmt(t.summary, { done: done, total: items.length });
  }

  function init() {
    document.querySelectorAll("[data-scenario]").forEach(function (root) {
      if (root.hasAttribute("data-ready")) return;
      root.setAttribute("data-ready", "");
      var player = new Player(root);
      if (!player.view || !player.caseEl || !player.model.steps) return;
      player.caseEl.hidden = true;
      player.view.hidden = false;
      player.start(false);
    });
    if (document.querySelector("[data-progress-item]")) marks(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
