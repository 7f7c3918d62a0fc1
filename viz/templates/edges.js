/* The edges of a very large map, drawn by the page instead of by vis-network.
 * vis makes an object per edge (options copied, a label module, a shape) and draws edges one by
 * one, each with its own style: at 60,000 edges that was seconds to build and most of a second a
 * frame. Here an edge is its record in the map data; a frame is one path per relation type,
 * cut to the visible part of the canvas; arrowheads appear once zoomed in, labels closer still.
 * Hover and click find the edge under the pointer (hitTest). */
var kgEdges = (function () {
  "use strict";
  var ARROWS_FROM = 0.35, LABELS_FROM = 0.75, MAX_LABELS = 3000, HIT_PX = 6;

  /* network: the vis.Network; list: the map's edges ({id, from, to, t, c}); style: {colour(t),
   * label(t), hidden (Uint8Array by edge id), face (font family)}. */
  function Layer(network, list, style) {
    this.network = network; this.list = list; this.style = style;
    this.byType = new Map();
    for (var i = 0; i < list.length; i++) {
      var e = list[i];
      if (!this.byType.has(e.t)) this.byType.set(e.t, []);
      this.byType.get(e.t).push(e);
    }
    this.drawn = 0;  // edges drawn in the last frame (for tests)
    var self = this;
    network.on("beforeDrawing", function (ctx) {
      var r = network.renderer;
      if ((r.dragging && r.options.hideEdgesOnDrag) || (r.zooming && r.options.hideEdgesOnZoom)) return;
      self.draw(ctx, null, false);
    });
  }

  Layer.prototype.view = function () {
    var c = this.network.canvas.frame.canvas, n = this.network;
    var a = n.DOMtoCanvas({ x: 0, y: 0 }), b = n.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight });
    return { x0: a.x, y0: a.y, x1: b.x, y1: b.y, scale: n.getScale() };
  };

  /* Control point of a curved edge (e.c: signed roundness), or null for a straight one. */
  function control(e, a, b) {
    if (!e.c) return null;
    return { x: (a.x + b.x) / 2 - (b.y - a.y) * e.c, y: (a.y + b.y) / 2 + (b.x - a.x) * e.c };
  }

  /* Draw `ids` (every visible edge when null); `lit` draws them wider, over the dimming veil. */
  Layer.prototype.draw = function (ctx, ids, lit) {
    var v = this.view(), nodes = this.network.body.nodes, hidden = this.style.hidden, self = this;
    var groups = ids === null ? this.byType : groupIds(this.list, ids);
    var width = lit ? Math.max(2.4, 1.5 / v.scale) : Math.max(1.2, 0.5 / v.scale), drawn = 0;
    var shown = [];
    ctx.save();
    ctx.lineWidth = width; ctx.globalAlpha = lit ? 1 : 0.75;
    groups.forEach(function (members, t) {
      ctx.beginPath();
      for (var i = 0; i < members.length; i++) {
        var e = members[i];
        if (hidden[e.id]) continue;
        var a = nodes[e.from], b = nodes[e.to];
        if (!a || !b) continue;
        if (Math.max(a.x, b.x) < v.x0 || Math.min(a.x, b.x) > v.x1 || Math.max(a.y, b.y) < v.y0 || Math.min(a.y, b.y) > v.y1) continue;
        var k = control(e, a, b);
        ctx.moveTo(a.x, a.y);
        if (k) ctx.quadraticCurveTo(k.x, k.y, b.x, b.y); else ctx.lineTo(b.x, b.y);
        drawn++;
        if (v.scale >= ARROWS_FROM) shown.push(e);
      }
      ctx.strokeStyle = self.style.colour(t);
      ctx.stroke();
    });
    if (shown.length) this.arrows(ctx, shown, v);
    if (v.scale >= LABELS_FROM) this.labels(ctx, shown, v);
    ctx.restore();
    if (ids === null) this.drawn = drawn;
  };

  function groupIds(list, ids) {
    var g = new Map();
    ids.forEach(function (id) { var e = list[id]; if (!g.has(e.t)) g.set(e.t, []); g.get(e.t).push(e); });
    return g;
  }

  /* Arrowheads at the target node's rim, one filled path per relation type. */
  Layer.prototype.arrows = function (ctx, shown, v) {
    var nodes = this.network.body.nodes, byColour = new Map(), self = this;
    shown.forEach(function (e) {
      var c = self.style.colour(e.t);
      if (!byColour.has(c)) byColour.set(c, []);
      byColour.get(c).push(e);
    });
    var len = 9, half = 3.5;
    byColour.forEach(function (members, colour) {
      ctx.beginPath();
      members.forEach(function (e) {
        var a = nodes[e.from], b = nodes[e.to], k = control(e, a, b) || a;
        var dx = b.x - k.x, dy = b.y - k.y, d = Math.sqrt(dx * dx + dy * dy);
        if (d < 1) return;
        var ux = dx / d, uy = dy / d, r = (b.options.size || 10) + 1;
        var tx = b.x - ux * r, ty = b.y - uy * r, bx = tx - ux * len, by = ty - uy * len;
        ctx.moveTo(tx, ty); ctx.lineTo(bx - uy * half, by + ux * half); ctx.lineTo(bx + uy * half, by - ux * half); ctx.closePath();
      });
      ctx.fillStyle = colour;
      ctx.fill();
    });
  };

  /* Relation labels at the middle of the edges in view (at most MAX_LABELS a frame). */
  Layer.prototype.labels = function (ctx, shown, v) {
    var nodes = this.network.body.nodes, style = this.style;
    ctx.font = "11px " + style.face; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    ctx.lineWidth = 3; ctx.strokeStyle = "#fff"; ctx.fillStyle = "#555"; ctx.globalAlpha = 1;
    for (var i = 0; i < shown.length && i < MAX_LABELS; i++) {
      var e = shown[i], a = nodes[e.from], b = nodes[e.to], k = control(e, a, b);
      var x = k ? (a.x + 2 * k.x + b.x) / 4 : (a.x + b.x) / 2, y = k ? (a.y + 2 * k.y + b.y) / 4 : (a.y + b.y) / 2;
      if (x < v.x0 || x > v.x1 || y < v.y0 || y > v.y1) continue;
      var text = style.label(e.t);
      ctx.strokeText(text, x, y); ctx.fillText(text, x, y);
    }
  };

  /* The visible edge nearest to a DOM point, within HIT_PX pixels, or null. */
  Layer.prototype.hitTest = function (dom) {
    var n = this.network, p = n.DOMtoCanvas(dom), tol = HIT_PX / n.getScale(), best = null, bestD = tol * tol;
    var nodes = n.body.nodes, hidden = this.style.hidden;
    for (var i = 0; i < this.list.length; i++) {
      var e = this.list[i];
      if (hidden[e.id]) continue;
      var a = nodes[e.from], b = nodes[e.to];
      if (!a || !b) continue;
      var k = control(e, a, b), m = k || a;
      if (p.x < Math.min(a.x, b.x, m.x) - tol || p.x > Math.max(a.x, b.x, m.x) + tol ||
          p.y < Math.min(a.y, b.y, m.y) - tol || p.y > Math.max(a.y, b.y, m.y) + tol) continue;
      var d = k ? Math.min(seg2(p, a, k), seg2(p, k, b)) : seg2(p, a, b);
      if (d < bestD) { bestD = d; best = e.id; }
    }
    return best;
  };

  function seg2(p, a, b) {  // squared distance from p to the segment a-b
    var dx = b.x - a.x, dy = b.y - a.y, l = dx * dx + dy * dy, t = l ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l : 0;
    t = Math.max(0, Math.min(1, t));
    var x = a.x + t * dx - p.x, y = a.y + t * dy - p.y;
    return x * x + y * y;
  }

  return { Layer: Layer };
})();
