// Stipple studio: the plan as controls, the server's pictures and figures, live.
//
// The page holds the plan as the JSON the server gave (GET /api/plans/{name}): a control
// changes one field and the whole plan is posted to /api/simulate. Only the newest change
// matters: an older request still in flight is aborted, and the server drops an older one
// still queued (same X-Studio-Lane). Only the visible picture is fetched. Everything that
// comes from a plan or the server is written with textContent, never as HTML.
"use strict";
(function () {
  var lane = "page-" + Math.random().toString(36).slice(2, 10);
  var state = { plan: null, choices: null, result: null, view: "macro", step: 0, pending: null, generation: 0 };
  var simulateAbort = null, pictureAbort = null;
  var viewNames = { "macro": "Macro", "close-up": "Close-up", "head": "Head", "density": "Density", "dots": "Dots", "fade": "Fading" };

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function number(x, places) {
    if (x === null || x === undefined) return "–";
    return Number(x).toLocaleString("en-GB", { minimumFractionDigits: places || 0, maximumFractionDigits: places || 0 });
  }
  function setStatus(text, kind) {
    $("status").textContent = text;
    document.body.setAttribute("data-state", kind || "ready");
  }
  function showError(text) {
    var box = $("error");
    if (text) { box.textContent = text; box.hidden = false; } else { box.hidden = true; box.textContent = ""; }
  }
  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ "X-Studio-Lane": lane }, options.headers || {});
    return fetch(path, options).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === 0) {
        return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
      }
      return r.blob().then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
    });
  }

  // ---- Plan fields (defaults are the plan reader's, shown when a plan leaves a field out)

  function client() { return state.plan.client || (state.plan.client = {}); }
  function design() { return state.plan.design || (state.plan.design = {}); }
  function hairline() { return design().hairline || (design().hairline = {}); }
  function hairLoss() {
    var c = client();
    if (c.hair_loss) return { scale: c.hair_loss.scale, stage: String(c.hair_loss.stage) };
    return { scale: "norwood", stage: c.norwood === undefined ? "V" : String(c.norwood) };
  }
  function setHairLoss(scale, stage) {
    var c = client();
    if (scale === "norwood") { delete c.hair_loss; c.norwood = stage; }
    else { delete c.norwood; c.hair_loss = { scale: scale, stage: stage }; }
  }

  // ---- Controls

  function range(parent, label, get, set, min, max, step, places, unit) {
    var row = el("div", { "class": "field" });
    var id = "c" + Math.random().toString(36).slice(2, 9);
    row.appendChild(el("label", { "for": id }, label));
    var input = el("input", { type: "range", id: id, min: String(min), max: String(max), step: String(step) });
    var value = get();
    if (value < min) input.min = String(value);
    if (value > max) input.max = String(value);
    input.value = String(value);
    var out = el("output", { "for": id }, number(value, places) + (unit || ""));
    input.addEventListener("input", function () {
      var v = parseFloat(input.value);
      out.textContent = number(v, places) + (unit || "");
      set(v);
      changed();
    });
    row.appendChild(input);
    row.appendChild(out);
    parent.appendChild(row);
    return input;
  }
  function choice(parent, label, options, get, set) {
    var row = el("div", { "class": "field choice" });
    var id = "c" + Math.random().toString(36).slice(2, 9);
    row.appendChild(el("label", { "for": id }, label));
    var select = el("select", { id: id });
    var current = get();
    var list = options.slice();
    if (current !== undefined && list.indexOf(current) < 0) list.unshift(current);
    list.forEach(function (o) { select.appendChild(el("option", { value: o }, o)); });
    select.value = current;
    select.addEventListener("change", function () { set(select.value); changed(); });
    row.appendChild(select);
    parent.appendChild(row);
    return select;
  }
  function group(title) {
    var f = el("fieldset");
    f.appendChild(el("legend", null, title));
    $("controls").appendChild(f);
    return f;
  }

  function buildControls() {
    var root = $("controls");
    root.textContent = "";
    var ch = state.choices, c = client(), d = design(), h = hairline();
    // Slider ends from the plan reader's limits (GET /api/choices `limits`, PlanLimits): the
    // first step inside an exclusive lower bound, so no slider offers a value the reader refuses.
    function limits(key, step) {
      var l = ch.limits[key], lo = l.min_exclusive ? l.min + step / 2 : l.min;
      return [Math.ceil(lo / step - 1e-9) * step, l.max];
    }

    var f = group("Client");
    var loss = hairLoss();
    var stageSelect;
    choice(f, "Hair-loss scale", Object.keys(ch.stages), function () { return loss.scale; }, function (v) {
      var stages = ch.stages[v];
      setHairLoss(v, stages[Math.min(stages.length - 1, Math.floor(stages.length / 2))]);
      buildControls();
    });
    stageSelect = choice(f, "Stage", ch.stages[loss.scale] || [], function () { return loss.stage; }, function (v) { setHairLoss(hairLoss().scale, v); });
    stageSelect.setAttribute("data-field", "client.stage");
    choice(f, "Skin", ch.skins, function () { return c.skin || ch.defaults.skin; }, function (v) { c.skin = v; });
    if (c.hair_colour === undefined || typeof c.hair_colour === "string") {
      choice(f, "Hair colour", ch.hair_colours, function () { return c.hair_colour || "dark-brown"; }, function (v) { c.hair_colour = v; });
    }
    range(f, "Native hair", function () { return c.native_hair_density === undefined ? 220 : c.native_hair_density; },
      function (v) { c.native_hair_density = v; }, 100, 350, 5, 0, "/cm²");
    choice(f, "Skin oiliness", ch.skin_oiliness, function () { return c.skin_oiliness || "normal"; }, function (v) { c.skin_oiliness = v; });

    f = group("Design");
    range(f, "Target density", function () { return d.target_density_per_cm2; }, function (v) { d.target_density_per_cm2 = v; }, 20, 220, 5, 0, "/cm²")
      .setAttribute("data-field", "design.target_density_per_cm2");
    range(f, "Hairline height", function () { return h.height_above_brow_mm === undefined ? 75 : h.height_above_brow_mm; },
      function (v) { h.height_above_brow_mm = v; }, 60, 90, 1, 0, " mm").setAttribute("data-field", "design.hairline.height_above_brow_mm");
    choice(f, "Hairline shape", ch.hairline_shapes, function () { return h.shape || "rounded"; }, function (v) { h.shape = v; });
    range(f, "Transition", function () { return h.transition_mm === undefined ? 8 : h.transition_mm; },
      function (v) { h.transition_mm = v; }, 2, 15, 0.5, 1, " mm");
    range(f, "Irregularity", function () { return h.irregularity === undefined ? 0.4 : h.irregularity; },
      function (v) { h.irregularity = v; }, 0, 1, 0.05, 2);
    range(f, "Spacing factor", function () { return d.spacing_factor === undefined ? 0.7 : d.spacing_factor; },
      function (v) { d.spacing_factor = v; }, 0.2, 1.2, 0.05, 2);
    choice(f, "Placement", ch.placements, function () { return d.placement || "even"; }, function (v) { d.placement = v; });
    var seedRow = el("div", { "class": "row-buttons" });
    var seedLabel = el("span", null, "Seed " + (state.plan.seed === undefined ? 1 : state.plan.seed));
    var reseed = el("button", { type: "button", id: "reseed" }, "New seed");
    reseed.addEventListener("click", function () {
      state.plan.seed = ((state.plan.seed === undefined ? 1 : state.plan.seed) * 48271 + 11) % 2147483647;
      seedLabel.textContent = "Seed " + state.plan.seed;
      changed();
    });
    seedRow.appendChild(seedLabel);
    seedRow.appendChild(reseed);
    f.appendChild(seedRow);

    (state.plan.sessions || []).forEach(function (s, i) {
      var g = el("fieldset");
      var head = el("legend", { "class": "session-head" }, "Session " + (i + 1));
      g.appendChild(head);
      root.appendChild(g);
      var remove = el("button", { type: "button", title: "Remove this session" }, "Remove");
      remove.disabled = state.plan.sessions.length <= 1;
      remove.addEventListener("click", function () { state.plan.sessions.splice(i, 1); buildControls(); changed(); });
      head.appendChild(document.createTextNode(" "));
      head.appendChild(remove);
      range(g, "Day", function () { return s.day; }, function (v) { s.day = v; }, 0, 365, 1, 0).setAttribute("data-field", "sessions[" + i + "].day");
      range(g, "Share of target", function () { return s.fraction_of_target; }, function (v) { s.fraction_of_target = v; }, 0.05, 1, 0.05, 2)
        .setAttribute("data-field", "sessions[" + i + "].fraction_of_target");
      var needle = limits("needle_mm", 0.01), depth = limits("depth_mm", 0.05), dilution = limits("dilution", 0.05);
      range(g, "Needle", function () { return s.needle_mm; }, function (v) { s.needle_mm = v; }, needle[0], needle[1], 0.01, 2, " mm")
        .setAttribute("data-field", "sessions[" + i + "].needle_mm");
      choice(g, "Grouping", ch.groupings, function () { return s.grouping || "1RL"; }, function (v) { s.grouping = v; });
      range(g, "Depth", function () { return s.depth_mm; }, function (v) { s.depth_mm = v; }, depth[0], depth[1], 0.05, 2, " mm")
        .setAttribute("data-field", "sessions[" + i + "].depth_mm");
      range(g, "Dilution", function () { return s.dilution === undefined ? ch.defaults.dilution : s.dilution; }, function (v) { s.dilution = v; },
        dilution[0], dilution[1], 0.05, 2)
        .setAttribute("data-field", "sessions[" + i + "].dilution");
      choice(g, "Pigment", ch.pigments, function () { return s.pigment || ch.defaults.pigment; }, function (v) { s.pigment = v; });
    });
    var rows = el("div", { "class": "row-buttons" });
    var add = el("button", { type: "button", id: "add-session" }, "Add session");
    add.disabled = (state.plan.sessions || []).length >= 20;
    add.addEventListener("click", function () {
      var list = state.plan.sessions, last = list[list.length - 1];
      var copy = JSON.parse(JSON.stringify(last));
      copy.day = Math.min(3650, last.day + 21);
      copy.fraction_of_target = 1;
      list.push(copy);
      buildControls();
      changed();
    });
    rows.appendChild(add);
    root.appendChild(rows);

    (state.plan.areas || []).forEach(function (a, i) {
      var g = group("Area " + (i + 1) + ": " + (a.kind || "area") + (a.shape ? " (" + a.shape + ")" : ""));
      range(g, "Density", function () { return a.target_density_per_cm2 === undefined ? d.target_density_per_cm2 : a.target_density_per_cm2; },
        function (v) { a.target_density_per_cm2 = v; }, 20, 220, 5, 0, "/cm²");
      if (a.transition_mm !== undefined) {
        range(g, "Feathering", function () { return a.transition_mm; }, function (v) { a.transition_mm = v; }, 0, 15, 0.5, 1, " mm");
      }
      var remove = el("button", { type: "button" }, "Remove area");
      remove.disabled = state.plan.areas.length <= 1;
      remove.addEventListener("click", function () { state.plan.areas.splice(i, 1); buildControls(); changed(); });
      g.appendChild(remove);
    });
  }

  // ---- Simulation, newest change wins

  function changed() {
    if (simulateAbort) simulateAbort.abort();
    var controller = new AbortController();
    simulateAbort = controller;
    var generation = ++state.generation;
    setStatus("Simulating…", "busy");
    api("/api/simulate?view=" + encodeURIComponent(state.view) + "&step=" + state.step, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(state.plan), signal: controller.signal })
      .then(function (r) {
        if (generation !== state.generation) return;
        markInvalid(null);
        if (r.status === 409) return;  // superseded: a newer change is on its way
        if (!r.ok) {
          setStatus("Plan not valid", "invalid");
          showError(r.body && r.body.error ? r.body.error : "error " + r.status);
          markInvalid(r.body && r.body.field);
          return;
        }
        showError(null);
        state.result = r.body;
        render();
      })
      .catch(function (e) { if (e.name !== "AbortError") { setStatus("Server not reachable", "invalid"); } });
  }

  function markInvalid(field) {
    Array.prototype.forEach.call(document.querySelectorAll(".invalid"), function (e) { e.classList.remove("invalid"); });
    if (!field) return;
    var input = document.querySelector('[data-field="' + field.replace(/["\\]/g, "") + '"]');
    if (input) input.classList.add("invalid");
  }

  function render() {
    var r = state.result;
    var steps = r.steps.length;
    var slider = $("step");
    slider.max = String(steps - 1);
    if (state.step > steps - 1) state.step = steps - 1;
    slider.value = String(state.step);
    if (r.views.indexOf(state.view) < 0) state.view = r.views[0];
    renderTabs();
    renderFigures();
    renderFindings();
    showPicture();
  }

  function showPicture() {
    var r = state.result;
    if (!r) return;
    var url = r.pictures[state.view][state.step];
    var step = r.steps[state.step];
    $("step-label").textContent = step.label + ":";
    var s = r.sessions[step.placed - 1];
    var follow = r.follow_ups.filter(function (f) { return f.day === step.day && step.index >= r.sessions.length; })[0];
    $("step-figures").textContent = follow
      ? number(follow.all.perceived_density_per_cm2, 0) + "/cm² perceived (" + number(follow.all.perceived_fraction_of_target * 100, 0) + " % of target)"
      : number(s.total_impressions) + " impressions · " + number(s.all.impressions_per_cm2, 0) + "/cm² of " + number(s.all.target_per_cm2, 0) + " · " + s.all.merge_pairs + " merging pairs";
    Array.prototype.forEach.call(document.querySelectorAll("#figures .step-col"), function (e) {
      e.classList.toggle("current", Number(e.getAttribute("data-session")) === step.placed);
    });
    if (pictureAbort) pictureAbort.abort();
    var controller = new AbortController();
    pictureAbort = controller;
    setStatus("Drawing…", "busy");
    api(url, { signal: controller.signal }).then(function (p) {
      if (!p.ok) { if (p.status !== 409) setStatus("Picture failed (" + p.status + ")", "invalid"); return; }
      var img = $("picture");
      var old = img.getAttribute("src");
      img.src = URL.createObjectURL(p.body);
      img.alt = viewNames[state.view] + ", " + step.label;
      img.setAttribute("data-id", r.id + "/" + state.view + "/" + state.step);
      if (old && old.indexOf("blob:") === 0) URL.revokeObjectURL(old);
      setStatus(r.name + " · seed " + r.seed, "ready");
    }).catch(function (e) { if (e.name !== "AbortError") setStatus("Server not reachable", "invalid"); });
  }

  function renderTabs() {
    var tabs = $("views");
    tabs.textContent = "";
    state.result.views.forEach(function (v, k) {
      var b = el("button", { type: "button", role: "tab", "aria-selected": String(v === state.view), "data-view": v, title: "Key " + (k + 1) }, viewNames[v] || v);
      b.addEventListener("click", function () { state.view = v; renderTabs(); showPicture(); });
      tabs.appendChild(b);
    });
  }

  function renderFigures() {
    var r = state.result, box = $("figures");
    box.textContent = "";
    var table = el("table", { id: "figures-table" });
    var head = el("tr");
    head.appendChild(el("th", null, "Session"));
    r.sessions.forEach(function (s) { head.appendChild(el("th", { "class": "step-col", "data-session": String(s.session) }, "S" + s.session)); });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    function row(label, key, f) {
      var tr = el("tr", { "data-key": key });
      tr.appendChild(el("th", null, label));
      r.sessions.forEach(function (s) { tr.appendChild(el("td", { "class": "step-col", "data-session": String(s.session) }, f(s))); });
      body.appendChild(tr);
    }
    row("Day", "day", function (s) { return number(s.day); });
    row("Impressions", "total_impressions", function (s) { return number(s.total_impressions); });
    row("Density/cm²", "density_per_cm2", function (s) { return number(s.all.impressions_per_cm2, 0); });
    row("Target/cm²", "target_per_cm2", function (s) { return number(s.all.target_per_cm2, 0); });
    row("Spacing mm", "nn", function (s) { return number(s.all.nearest_neighbour_mean_mm, 2); });
    row("Merging", "merge_pairs", function (s) { return number(s.all.merge_pairs); });
    row("Dot µm", "healed", function (s) { return number(s.healed_diameter_um, 0); });
    table.appendChild(body);
    box.appendChild(table);
    if (r.follow_ups.length) {
      box.appendChild(el("h3", null, "Follow-ups (perceived density)"));
      var t2 = el("table", { id: "followups-table" });
      var h2 = el("tr");
      h2.appendChild(el("th", null, "Day"));
      h2.appendChild(el("th", null, "Seen/cm²"));
      h2.appendChild(el("th", null, "% target"));
      var th2 = el("thead");
      th2.appendChild(h2);
      t2.appendChild(th2);
      var b2 = el("tbody");
      r.follow_ups.forEach(function (f) {
        var tr = el("tr");
        tr.appendChild(el("td", null, number(f.day)));
        tr.appendChild(el("td", null, number(f.all.perceived_density_per_cm2, 0)));
        tr.appendChild(el("td", null, number(f.all.perceived_fraction_of_target * 100, 0)));
        b2.appendChild(tr);
      });
      t2.appendChild(b2);
      box.appendChild(t2);
    }
    var due = r.touch_up && r.touch_up.suggested_session;
    if (due) {
      box.appendChild(el("p", { id: "touch-up" }, "Touch-up due around day " + number(due.day) + " (" + due.region + ", " + due.criterion + ")"));
    }
  }

  function renderFindings() {
    var r = state.result, list = $("findings");
    list.textContent = "";
    $("review-count").textContent = r.review.errors + " errors · " + r.review.warnings + " warnings · " + r.review.notes + " notes";
    if (!r.review.findings.length) list.appendChild(el("li", { "class": "none" }, "Nothing to point out."));
    r.review.findings.forEach(function (f) {
      var li = el("li", { "class": f.severity, "data-rule": f.rule });
      li.appendChild(el("span", { "class": "sev" }, f.severity));
      var where = f.sessions && f.sessions.length ? "sessions " + f.sessions.join(", ") + ": " : "";
      li.appendChild(document.createTextNode(where + f.message));
      li.appendChild(el("span", { "class": "fix" }, "Fix: " + f.fix));
      list.appendChild(li);
    });
  }

  // ---- Stepping, views, presenter mode

  function go(step) {
    if (!state.result) return;
    state.step = Math.max(0, Math.min(state.result.steps.length - 1, step));
    $("step").value = String(state.step);
    showPicture();
  }
  function setPresenter(on) {
    document.body.classList.toggle("presenter", on);
    if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
    if (!on && document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
  }

  function openPlan(name) {
    setStatus("Opening " + name + "…", "busy");
    api("/api/plans/" + encodeURIComponent(name)).then(function (r) {
      if (!r.ok) { showError(r.body.error); return; }
      state.plan = r.body;
      state.step = 0;
      buildControls();
      changed();
    });
  }

  function start() {
    $("step").addEventListener("input", function () { go(parseInt($("step").value, 10)); });
    $("prev").addEventListener("click", function () { go(state.step - 1); });
    $("next").addEventListener("click", function () { go(state.step + 1); });
    $("presenter").addEventListener("click", function () { setPresenter(!document.body.classList.contains("presenter")); });
    $("plan-picker").addEventListener("change", function () { openPlan($("plan-picker").value); });
    $("download").addEventListener("click", function () {
      api("/api/plan.yaml", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(state.plan) }).then(function (r) {
        if (!r.ok) { showError(r.body.error); return; }
        var a = el("a", { href: URL.createObjectURL(r.body), download: (state.plan.name || "plan") + ".yaml" });
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    });
    document.addEventListener("fullscreenchange", function () {
      if (!document.fullscreenElement) document.body.classList.remove("presenter");
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target && e.target.tagName;
      var typing = t === "SELECT" || (t === "INPUT" && e.target.type !== "range");
      if (e.key === "ArrowRight" && (!typing || document.body.classList.contains("presenter")) && t !== "INPUT") { go(state.step + 1); e.preventDefault(); }
      else if (e.key === "ArrowLeft" && (!typing || document.body.classList.contains("presenter")) && t !== "INPUT") { go(state.step - 1); e.preventDefault(); }
      else if (e.key === "Escape" && document.body.classList.contains("presenter")) setPresenter(false);
      else if ((e.key === "p" || e.key === "P") && !typing) setPresenter(!document.body.classList.contains("presenter"));
      else if (/^[1-6]$/.test(e.key) && !typing && state.result) {
        var v = state.result.views[parseInt(e.key, 10) - 1];
        if (v) { state.view = v; renderTabs(); showPicture(); }
      }
    });
    Promise.all([api("/api/choices"), api("/api/plans")]).then(function (rs) {
      state.choices = rs[0].body;
      var picker = $("plan-picker");
      rs[1].body.plans.forEach(function (p) {
        var o = el("option", { value: p.name, title: p.summary }, (p.kind === "template" ? "Template: " : "") + p.name);
        picker.appendChild(o);
      });
      var first = document.querySelector('meta[name="studio-first-plan"]').getAttribute("content");
      if (!first && rs[1].body.plans.length) first = rs[1].body.plans[0].name;
      picker.value = first;
      openPlan(first);
    }).catch(function () { setStatus("Server not reachable", "invalid"); });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
