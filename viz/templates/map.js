/* The relationship map's behaviour: drawing, legend and filters, search, panels, layout.
 * All data reaches the DOM through textContent or attributes, never innerHTML, so article text
 * cannot become markup. window.kgMap exposes state for tests; `ready` turns true only once the
 * layout has settled and physics is off. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes.length, M = data.edges.length;
  var BIG = N > 1500 || M > 4000;
  // Large maps come with their layout (viz/layout.py): drawn as given, physics never on.
  var FIXED = data.fixed === true;
  // Very large ones also draw their edges themselves (edges.js), not as vis-network edges.
  var OWN_EDGES = FIXED && (N > 2500 || M > 8000);
  var LAYOUT_BUDGET_MS = 3500;
  var DIM_NODE = { background: "#e4e4e4", border: "#d0d0d0" };
  var DIM_EDGE = "rgba(190,190,190,0.25)";
  var FACE = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';

  var api = (window.kgMap = {
    ready: false, nodeCount: N, edgeCount: M, layoutMs: null, layoutIterations: 0,
  });
  var $ = function (id) { return document.getElementById(id); };
  // Let the "laying out" notice paint before the (blocking) layout starts.
  requestAnimationFrame(function () { setTimeout(start, 0); });

  function start() {
    var typeStyle = {}, relStyle = {};
    data.entityTypes.forEach(function (s) { typeStyle[s.type] = s; });
    data.relationTypes.forEach(function (s) { relStyle[s.type] = s; });

    // Adjacency (edge ids per node) and parallel-edge groups (edge ids per unordered pair).
    var adj = [], pairs = new Map();
    for (var i = 0; i < N; i++) adj.push([]);
    data.edges.forEach(function (e) {
      adj[e.from].push(e.id);
      if (e.to !== e.from) adj[e.to].push(e.id);
      var k = Math.min(e.from, e.to) + ":" + Math.max(e.from, e.to);
      if (!pairs.has(k)) pairs.set(k, []);
      pairs.get(k).push(e.id);
    });

    function nodeSize(deg) { return Math.min(10 + 4 * Math.sqrt(deg), 48); }
    function nodeColour(n) {
      var c = typeStyle[n.t].colour;
      return { background: c, border: shade(c), highlight: { background: c, border: "#222" }, hover: { background: c, border: "#222" } };
    }
    function edgeColour(e) {
      var c = relStyle[e.t] ? relStyle[e.t].colour : data.otherColour;
      return { color: c, highlight: c, hover: c, inherit: false, opacity: 0.9 };
    }
    function shade(hex) {
      var v = parseInt(hex.slice(1), 16), f = 0.7;
      var r = Math.round(((v >> 16) & 255) * f), g = Math.round(((v >> 8) & 255) * f), b = Math.round((v & 255) * f);
      return "#" + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
    }
    function relLabel(t) { return relStyle[t] ? relStyle[t].label : t; }

    // Big maps get their positions from kgLayout before vis sees them; small ones use vis physics.
    var OWN_LAYOUT = N > 200 && !FIXED, t0 = performance.now(), pos = null;
    if (OWN_LAYOUT) {
      pos = kgLayout.layout(N, data.edges.map(function (e) { return e.from; }), data.edges.map(function (e) { return e.to; }), { seed: 7 });
      api.layoutIterations = pos.iterations;
    }
    var tLayout = performance.now();
    // Large maps: the type's style comes from a vis group and edges carry no label and no arrow
    // (both are in the panels): vis copies and re-reads every item's own options on each frame,
    // which at 20,000 nodes and 60,000 edges was most of the page's time.
    var groups = {};
    data.entityTypes.forEach(function (s) { groups[s.type] = { shape: s.shape, color: nodeColour({ t: s.type }) }; });
    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      var item = FIXED ? { id: n.id, label: n.label, group: n.t, size: nodeSize(n.deg) }
        : { id: n.id, label: n.label, shape: typeStyle[n.t].shape, size: nodeSize(n.deg), color: nodeColour(n) };
      if (pos) { item.x = pos.x[n.id]; item.y = pos.y[n.id]; }
      else if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
      return item;
    }));
    var edges = new vis.DataSet(OWN_EDGES ? [] : data.edges.map(function (e) {
      var item = FIXED ? { id: e.id, from: e.from, to: e.to, color: relStyle[e.t] ? relStyle[e.t].colour : data.otherColour }
        : { id: e.id, from: e.from, to: e.to, label: relLabel(e.t), color: edgeColour(e) };
      if (e.c) item.smooth = { enabled: true, type: e.c > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.c) };
      return item;
    }));

    var network = new vis.Network($("network"), { nodes: nodes, edges: edges }, {
      nodes: { borderWidth: 1, font: { size: 14, face: FACE, color: "#222", strokeWidth: 3, strokeColor: "#fff" } },
      edges: {
        width: 1.2, selectionWidth: 1.5, hoverWidth: 1, smooth: false,
        arrows: { to: { enabled: !FIXED, scaleFactor: 0.45 } },
        font: { size: 11, face: FACE, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "middle" },
      },
      physics: {
        enabled: N > 0 && !OWN_LAYOUT && !FIXED, solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.008, springLength: 120, springConstant: 0.05, avoidOverlap: 0.4 },
        stabilization: { enabled: true, iterations: 1000, updateInterval: BIG ? 5 : 25, fit: true },
        minVelocity: 1,
      },
      layout: { improvedLayout: N <= 300 && !FIXED, randomSeed: 7 },
      groups: FIXED ? groups : {},
      interaction: { hover: true, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, tooltipDelay: 300, keyboard: false },
    });
    api.network = network;
    var tNetwork = performance.now();

    // ---- layout: stabilise (within a time budget), then freeze ----
    var settled = false;
    network.on("stabilizationProgress", function (p) {
      api.layoutIterations = p.iterations;
      $("loading-fill").style.width = Math.round((100 * p.iterations) / p.total) + "%";
      if (performance.now() - t0 > LAYOUT_BUDGET_MS) network.stopSimulation();
    });
    network.once("stabilizationIterationsDone", settle);
    if (N === 0 || OWN_LAYOUT || FIXED) settle();
    function settle() {
      if (settled) return;
      settled = true;
      if (!FIXED) network.setOptions({ physics: { enabled: false } });
      $("loading").hidden = true;
      network.fit({ animation: false });  // requests a frame; a large map waits for that one
      var tSettled = performance.now();
      network.once("afterDrawing", function () {
        var now = performance.now();
        api.layoutMs = Math.round(now - t0);
        api.timings = {
          start: Math.round(t0), settle: Math.round(tSettled - tNetwork),  // layout: kgLayout, or vis physics stabilising after the network was built
          layout: Math.round(OWN_LAYOUT ? tLayout - t0 : FIXED ? 0 : tSettled - tNetwork),
          network: Math.round(tNetwork - tLayout), firstDraw: Math.round(now - tSettled),
        };
        api.ready = true;
      });
      if (!FIXED) network.redraw();
    }

    // ---- small DOM helpers (text only) ----
    function el(tag, text, cls) {
      var x = document.createElement(tag);
      if (text !== undefined && text !== null) x.textContent = String(text);
      if (cls) x.className = cls;
      return x;
    }
    var SVG = "http://www.w3.org/2000/svg";
    function swatch(shape, colour, isLine) {
      var s = document.createElementNS(SVG, "svg");
      s.setAttribute("width", "16"); s.setAttribute("height", "16"); s.setAttribute("viewBox", "0 0 16 16");
      var p;
      if (isLine) {
        p = document.createElementNS(SVG, "line");
        [["x1", 1], ["y1", 8], ["x2", 15], ["y2", 8], ["stroke-width", 3]].forEach(function (a) { p.setAttribute(a[0], a[1]); });
        p.setAttribute("stroke", colour);
      } else {
        var pts = {
          square: "2,2 14,2 14,14 2,14", triangle: "8,1 15,14 1,14", diamond: "8,1 15,8 8,15 1,8",
          hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
          star: "8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6",
        }[shape];
        if (pts) { p = document.createElementNS(SVG, "polygon"); p.setAttribute("points", pts); }
        else { p = document.createElementNS(SVG, "circle"); p.setAttribute("cx", 8); p.setAttribute("cy", 8); p.setAttribute("r", 6.5); }
        p.setAttribute("fill", colour); p.setAttribute("stroke", shade(colour));
      }
      s.appendChild(p);
      return s;
    }

    // ---- legend and filters ----
    var typeOn = {}, relOn = {}, dateFrom = "", dateTo = "";
    var nodeHidden = new Uint8Array(N), edgeHidden = new Uint8Array(M);
    var layer = OWN_EDGES ? new kgEdges.Layer(network, data.edges, {
      colour: function (t) { return relStyle[t] ? relStyle[t].colour : data.otherColour; },
      label: relLabel, hidden: edgeHidden, face: FACE,
    }) : null;
    var checkboxes = { type: {}, rel: {} };
    function countBy(items, key) {
      var c = {}; items.forEach(function (x) { c[x[key]] = (c[x[key]] || 0) + 1; }); return c;
    }
    function legendRow(list, kind, style, count, isLine) {
      var li = el("li"), label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.kind = kind; box.dataset.type = style.type;
      box.addEventListener("change", function () {
        (kind === "type" ? typeOn : relOn)[style.type] = box.checked; applyFilters();
      });
      checkboxes[kind][style.type] = box;
      label.append(box, swatch(style.shape, style.colour, isLine), el("span", style.label), el("span", count, "n"));
      label.title = style.type;
      li.appendChild(label); list.appendChild(li);
    }
    var typeCounts = countBy(data.nodes, "t"), relCounts = countBy(data.edges, "t");
    data.entityTypes.forEach(function (s) { typeOn[s.type] = true; legendRow($("legend-types"), "type", s, typeCounts[s.type], false); });
    data.relationTypes.forEach(function (s) { relOn[s.type] = true; legendRow($("legend-relations"), "rel", s, relCounts[s.type], true); });

    var dates = data.edges.map(function (e) { return e.d; }).filter(Boolean).sort();
    if (dates.length) {
      ["date-from", "date-to"].forEach(function (id) { $(id).min = dates[0]; $(id).max = dates[dates.length - 1]; });
    } else {
      $("dates").hidden = true;
    }
    $("date-from").addEventListener("change", function () { dateFrom = this.value; applyFilters(); });
    $("date-to").addEventListener("change", function () { dateTo = this.value; applyFilters(); });
    // The time slider plays the archive: everything up to the day it points at (events by their
    // first date, relations by theirs); at its right end nothing is hidden by date.
    var days = dates.filter(function (d, i) { return i === 0 || d !== dates[i - 1]; });
    var slider = $("timeline");
    slider.max = String(days.length); slider.value = String(days.length);
    function showDay() { $("timeline-date").textContent = dateTo || "全部"; }
    function setDay(i) {
      i = Math.max(0, Math.min(days.length, i | 0));
      slider.value = String(i);
      dateTo = i < days.length ? days[i] : ""; $("date-to").value = dateTo; showDay(); applyFilters();
    }
    slider.addEventListener("input", function () { setDay(Number(this.value)); });
    showDay();

    function edgeVisible(e) {
      if (!relOn[e.t] || nodeHidden[e.from] || nodeHidden[e.to]) return false;
      // Undated edges stay: a date range cannot say they are outside it.
      if (e.d && ((dateFrom && e.d < dateFrom) || (dateTo && e.d > dateTo))) return false;
      return true;
    }
    function applyFilters() {
      var nodeUpd = [], edgeUpd = [];
      data.nodes.forEach(function (n) {
        var h = typeOn[n.t] && !(n.d && ((dateFrom && n.d < dateFrom) || (dateTo && n.d > dateTo))) ? 0 : 1;
        if (h !== nodeHidden[n.id]) { nodeHidden[n.id] = h; nodeUpd.push({ id: n.id, hidden: !!h }); }
      });
      data.edges.forEach(function (e) {
        var h = edgeVisible(e) ? 0 : 1;
        if (h !== edgeHidden[e.id]) { edgeHidden[e.id] = h; edgeUpd.push({ id: e.id, hidden: !!h }); }
      });
      if (nodeUpd.length) nodes.update(nodeUpd);
      if (edgeUpd.length && !OWN_EDGES) edges.update(edgeUpd);
      if (edgeUpd.length && OWN_EDGES) network.redraw();
      showCounts();
    }
    function visibleCount(flags) { var c = 0; for (var i = 0; i < flags.length; i++) c += flags[i] ? 0 : 1; return c; }
    function showCounts() {
      $("counts").textContent = "节点 " + visibleCount(nodeHidden) + "/" + N + " · 关系 " + visibleCount(edgeHidden) + "/" + M;
    }
    showCounts();

    // ---- neighbourhood highlight ----
    var nodeDim = new Uint8Array(N), edgeDim = new Uint8Array(M);
    // A large map dims by veiling the frame and drawing the neighbourhood again on top: restyling
    // 80,000 items took seconds a click, this costs a few hundred draw calls.
    var lit = null;
    if (FIXED) network.on("afterDrawing", function (ctx) {
      if (lit === null) return;
      var w = network.canvas.frame.canvas.clientWidth, h = network.canvas.frame.canvas.clientHeight;
      var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: w, y: h });
      ctx.save();
      ctx.fillStyle = "rgba(250,250,250,0.82)";
      ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
      ctx.restore();
      var body = network.body;
      if (OWN_EDGES) layer.draw(ctx, lit.edges, true);
      else lit.edges.forEach(function (id) { var e = body.edges[id]; if (e && !edgeHidden[id]) e.draw(ctx); });
      lit.nodes.forEach(function (id) { var n = body.nodes[id]; if (n && !nodeHidden[id]) n.draw(ctx); });
    });
    function highlight(centre) {
      var keepNodes = new Set(), keepEdges = new Set();
      if (centre !== null) {
        keepNodes.add(centre);
        adj[centre].forEach(function (id) { var e = data.edges[id]; keepEdges.add(id); keepNodes.add(e.from); keepNodes.add(e.to); });
      }
      if (FIXED) {
        lit = centre === null ? null : { nodes: Array.from(keepNodes), edges: Array.from(keepEdges) };
        api.litNodeCount = lit ? lit.nodes.length : 0;
        network.body.emitter.emit("_requestRedraw");  // the next frame, shared with the selection's
        return;
      }
      var all = centre === null, nodeUpd = [], edgeUpd = [];
      data.nodes.forEach(function (n) {
        var d = all || keepNodes.has(n.id) ? 0 : 1;
        if (d !== nodeDim[n.id]) {
          nodeDim[n.id] = d;
          nodeUpd.push({ id: n.id, color: d ? DIM_NODE : nodeColour(n), font: { color: d ? "#c8c8c8" : "#222" } });
        }
      });
      data.edges.forEach(function (e) {
        var d = all || keepEdges.has(e.id) ? 0 : 1;
        if (d !== edgeDim[e.id]) {
          edgeDim[e.id] = d;
          edgeUpd.push({ id: e.id, color: d ? { color: DIM_EDGE, highlight: DIM_EDGE, hover: DIM_EDGE, inherit: false } : edgeColour(e),
                         font: { color: d ? "rgba(0,0,0,0)" : "#555", strokeWidth: d ? 0 : 3 } });
        }
      });
      if (nodeUpd.length) nodes.update(nodeUpd);
      if (edgeUpd.length) edges.update(edgeUpd);
    }

    // ---- panels ----
    var pinned = false;
    function openPanel(children) {
      var body = $("panel-body");
      body.replaceChildren.apply(body, children);
      $("panel").hidden = false;
    }
    function closePanel() { $("panel").hidden = true; pinned = false; }
    function badge(t) {
      var s = typeStyle[t], b = el("span", s ? s.label : t, "kind");
      b.style.background = s ? s.colour : "#888";
      return b;
    }
    function nodePanel(id) {
      var n = data.nodes[id], head = el("h3");
      head.append(badge(n.t), el("span", n.label));
      var dl = el("dl");
      function row(k, v) { if (v) dl.append(el("dt", k), el("dd", v)); }
      row("类型", (typeStyle[n.t] ? typeStyle[n.t].label + " / " : "") + n.t);
      row("职务", (n.titles || []).join("、"));
      row("别名", (n.aliases || []).join("、"));
      row("关系", String(n.deg));
      row("文章", n.arts ? String(n.arts) + " 篇" : "");
      var list = el("div"), shown = adj[id].slice(0, 40);
      shown.forEach(function (eid) {
        var e = data.edges[eid], line = el("div", null, "ev");
        var out = e.from === id, other = data.nodes[out ? e.to : e.from];
        line.append(el("span", relLabel(e.t), "rel"), el("span", (out ? " → " : " ← ") + other.label));
        if (e.d) line.append(el("span", "  " + e.d, "src"));
        list.appendChild(line);
      });
      var parts = [head, dl, list];
      if (adj[id].length > shown.length) parts.push(el("p", "另有 " + (adj[id].length - shown.length) + " 条关系", "more"));
      return parts;
    }
    function edgePanel(id) {
      var e0 = data.edges[id], a = data.nodes[e0.from], b = data.nodes[e0.to];
      var group = pairs.get(Math.min(e0.from, e0.to) + ":" + Math.max(e0.from, e0.to)) || [id];
      var parts = [el("h3", a.label + " — " + b.label)];
      group.slice(0, 50).forEach(function (eid) {
        var e = data.edges[eid], box = el("div", null, "ev");
        box.append(el("div", relLabel(e.t) + "：" + data.nodes[e.from].label + " → " + data.nodes[e.to].label, "rel"));
        if (e.ag) box.append(el("div", "协议：" + e.ag));
        if (e.s) box.append(el("blockquote", e.s));
        var src = [e.at ? "《" + e.at + "》" : "", e.d].filter(Boolean).join("  ");
        if (src) box.append(el("div", src, "src"));
        parts.push(box);
      });
      if (group.length > 50) parts.push(el("p", "另有 " + (group.length - 50) + " 条", "more"));
      return parts;
    }
    var overNode = false, overEdge = false;
    network.on("hoverNode", function (p) { overNode = true; if (!pinned) openPanel(nodePanel(p.node)); });
    network.on("blurNode", function () { overNode = false; });
    if (OWN_EDGES) {  // vis does not know these edges: find the one under the pointer ourselves
      var moveAt = null;
      $("network").addEventListener("mousemove", function (ev) {
        var r = $("network").getBoundingClientRect();
        if (moveAt === null) requestAnimationFrame(function () {
          var at = moveAt; moveAt = null;
          if (pinned || overNode || network.renderer.dragging) return;
          var id = layer.hitTest(at);
          if (id !== null) { overEdge = true; openPanel(edgePanel(id)); }
          else if (overEdge) { overEdge = false; $("panel").hidden = true; }
        });
        moveAt = { x: ev.clientX - r.left, y: ev.clientY - r.top };
      });
    }
    network.on("hoverEdge", function (p) { if (!pinned) openPanel(edgePanel(p.edge)); });
    network.on("blurNode", function () { if (!pinned) $("panel").hidden = true; });
    network.on("blurEdge", function () { if (!pinned) $("panel").hidden = true; });
    network.on("click", function (p) {
      if (OWN_EDGES && !p.nodes.length) { var hit = layer.hitTest(p.pointer.DOM); if (hit !== null) p = { nodes: [], edges: [hit] }; }
      if (p.nodes.length) { selectNode(p.nodes[0], false); }
      else if (p.edges.length) { highlight(null); pinned = true; openPanel(edgePanel(p.edges[0])); }
      else { highlight(null); closePanel(); }
    });
    $("panel-close").addEventListener("click", function () { closePanel(); highlight(null); network.unselectAll(); });

    function selectNode(id, move) {
      var n = data.nodes[id];
      if (!typeOn[n.t]) { checkboxes.type[n.t].checked = true; typeOn[n.t] = true; applyFilters(); }
      network.selectNodes([id], true);
      highlight(id);
      pinned = true;
      openPanel(nodePanel(id));
      if (move) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    }

    // ---- search ----
    function findNode(query) {
      var q = String(query || "").trim(), best = null, bestRank = null;
      if (!q) return null;
      data.nodes.forEach(function (n) {
        var names = [n.label].concat(n.aliases || []), rank = null;
        names.forEach(function (s) {
          var r = s === q ? 0 : s.indexOf(q) >= 0 ? 1 + s.length - q.length : null;
          if (r !== null && (rank === null || r < rank)) rank = r;
        });
        if (rank === null) return;
        if (best === null || rank < bestRank || (rank === bestRank && n.deg > data.nodes[best].deg)) { best = n.id; bestRank = rank; }
      });
      return best;
    }
    function search(query) {
      var id = findNode(query), status = $("search-status");
      if (id === null) { status.textContent = "未找到"; status.className = ""; return null; }
      status.textContent = ""; status.className = "found";
      selectNode(id, true);
      return data.nodes[id].label;
    }
    $("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search($("search").value); });
    var names = new Set();
    data.nodes.forEach(function (n) { if (names.size < 5000) { names.add(n.label); (n.aliases || []).forEach(function (a) { names.add(a); }); } });
    var datalist = $("names");
    names.forEach(function (s) { var o = document.createElement("option"); o.value = s; datalist.appendChild(o); });

    $("reset").addEventListener("click", reset);
    function reset() {
      Object.keys(checkboxes.type).forEach(function (t) { checkboxes.type[t].checked = true; typeOn[t] = true; });
      Object.keys(checkboxes.rel).forEach(function (t) { checkboxes.rel[t].checked = true; relOn[t] = true; });
      dateFrom = dateTo = ""; $("date-from").value = ""; $("date-to").value = "";
      slider.value = slider.max; showDay();
      $("search").value = ""; $("search-status").textContent = "";
      applyFilters(); highlight(null); closePanel(); network.unselectAll(); network.fit();
    }

    // ---- what tests (and curious analysts) can call ----
    api.search = search;
    api.reset = reset;
    api.visibleNodeCount = function () { return visibleCount(nodeHidden); };
    api.visibleEdgeCount = function () { return visibleCount(edgeHidden); };
    api.filterType = function (t, on) { if (checkboxes.type[t]) { checkboxes.type[t].checked = !!on; typeOn[t] = !!on; applyFilters(); } };
    api.filterRelation = function (t, on) { if (checkboxes.rel[t]) { checkboxes.rel[t].checked = !!on; relOn[t] = !!on; applyFilters(); } };
    api.filterDates = function (from, to) {
      dateFrom = from || ""; dateTo = to || ""; $("date-from").value = dateFrom; $("date-to").value = dateTo; applyFilters();
    };
    api.timeline = function (i) { setDay(i); return dateTo; };
    api.timelineDays = function () { return days.slice(); };
    api.selectedNode = function () { var s = network.getSelectedNodes(); return s.length ? data.nodes[s[0]].label : null; };
    api.panelText = function () { return $("panel").hidden ? "" : $("panel-body").textContent; };
    api.drawnEdgeCount = function () { return OWN_EDGES ? layer.drawn : visibleCount(edgeHidden); };
    api.ownEdges = OWN_EDGES;
    api.edgeAt = function (x, y) { return OWN_EDGES ? layer.hitTest({ x: x, y: y }) : network.getEdgeAt({ x: x, y: y }); };
    api.showEdge = function (id) { pinned = true; openPanel(edgePanel(id)); };
  }
})();
