/* A fast force layout for big maps, computed once before the map is shown.
 * vis-network's own physics costs ~50 ms per iteration at 5,000 nodes here, far too slow to
 * settle. This is a Fruchterman-Reingold-style layout (Barnes-Hut quadtree on typed arrays, a
 * few ms per iteration), run per connected component; the components are then packed in shelves
 * so small ones sit beside the big one instead of inside it. Deterministic: seeded random start. */
var kgLayout = (function () {
  "use strict";
  var EMPTY = -1, INTERNAL = -2, CROWD = -3;

  function rng(seed) {  // mulberry32
    return function () {
      seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function Tree(cap) {
    this.cap = 0; this.grow(cap);
  }
  Tree.prototype.grow = function (cap) {
    var old = this, keys = ["mx", "my", "m", "x0", "y0", "sz"], ints = ["body"];
    var fresh = {};
    keys.forEach(function (k) { fresh[k] = new Float64Array(cap); if (old[k]) fresh[k].set(old[k]); });
    ints.forEach(function (k) { fresh[k] = new Int32Array(cap); if (old[k]) fresh[k].set(old[k]); });
    fresh.child = new Int32Array(cap * 4).fill(-1); if (old.child) fresh.child.set(old.child);
    Object.keys(fresh).forEach(function (k) { old[k] = fresh[k]; });
    this.cap = cap;
  };
  Tree.prototype.cell = function (x0, y0, sz) {
    if (this.count >= this.cap) this.grow(this.cap * 2);
    var c = this.count++;
    this.mx[c] = this.my[c] = this.m[c] = 0; this.x0[c] = x0; this.y0[c] = y0; this.sz[c] = sz;
    this.body[c] = EMPTY; this.child[4 * c] = this.child[4 * c + 1] = this.child[4 * c + 2] = this.child[4 * c + 3] = -1;
    return c;
  };
  Tree.prototype.childFor = function (c, px, py) {
    var h = this.sz[c] / 2, q = (px >= this.x0[c] + h ? 1 : 0) + (py >= this.y0[c] + h ? 2 : 0);
    var k = this.child[4 * c + q];
    if (k < 0) { k = this.cell(this.x0[c] + (q & 1 ? h : 0), this.y0[c] + (q & 2 ? h : 0), h); this.child[4 * c + q] = k; }
    return k;
  };
  Tree.prototype.build = function (ids, x, y) {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    ids.forEach(function (i) {
      if (x[i] < minX) minX = x[i]; if (x[i] > maxX) maxX = x[i];
      if (y[i] < minY) minY = y[i]; if (y[i] > maxY) maxY = y[i];
    });
    this.count = 0;
    this.cell(minX, minY, Math.max(maxX - minX, maxY - minY) + 1);
    for (var n = 0; n < ids.length; n++) {
      var i = ids[n], c = 0, depth = 0;
      for (;;) {
        var b = this.body[c];
        this.m[c] += 1; this.mx[c] += x[i]; this.my[c] += y[i];
        if (b === EMPTY) { this.body[c] = i; break; }
        if (b === CROWD) break;
        if (b >= 0) {  // an occupied leaf: push its body one level down
          if (depth > 40) { this.body[c] = CROWD; break; }
          this.body[c] = INTERNAL;
          var k = this.childFor(c, x[b], y[b]);
          this.body[k] = b; this.m[k] = 1; this.mx[k] = x[b]; this.my[k] = y[b];
        }
        c = this.childFor(c, x[i], y[i]); depth++;
      }
    }
  };

  /* Lay out one component (ids) whose internal edges are es (pairs of ids), centred on 0. */
  function component(ids, es, x, y, k, iterations, random) {
    // Repulsion k^2/d between all pairs (Barnes-Hut), linear springs along edges (natural
    // length ~k; FR's d^2/k pulls long edges so hard that everything collapses into the centre),
    // and a linear pull to the centre, which alone would spread nodes evenly over a disc.
    var n = ids.length, k2 = k * k, theta2 = 1.44, gravity = 0.6;  // theta 1.2
    var r0 = k * Math.sqrt(n) * 0.6;
    ids.forEach(function (i) { var a = random() * 2 * Math.PI, r = r0 * Math.sqrt(random()); x[i] = r * Math.cos(a); y[i] = r * Math.sin(a); });
    if (n === 1) { x[ids[0]] = y[ids[0]] = 0; return; }
    var fx = new Float64Array(x.length), fy = new Float64Array(x.length);
    var tree = new Tree(4 * n + 16), stack = new Int32Array(4096);
    var t0 = k * Math.sqrt(n) / 4, tMin = k * 0.02;
    for (var it = 0; it < iterations; it++) {
      tree.build(ids, x, y);
      for (var a = 0; a < n; a++) {
        var i = ids[a], sx = 0, sy = 0, top = 0;
        stack[top++] = 0;
        while (top > 0) {
          var c = stack[--top], m = tree.m[c];
          if (m === 0 || tree.body[c] === i) continue;
          var dx = x[i] - tree.mx[c] / m, dy = y[i] - tree.my[c] / m, d2 = dx * dx + dy * dy;
          var s = tree.sz[c];
          if (tree.body[c] !== INTERNAL || s * s < theta2 * d2) {
            if (d2 < 1e-4) { dx = (random() - 0.5) * 0.1; dy = (random() - 0.5) * 0.1; d2 = dx * dx + dy * dy; }
            var f = (k2 * m) / d2;  // |F| = k^2/d per body, along (dx,dy)/d
            sx += dx * f; sy += dy * f;
          } else {
            for (var q = 0; q < 4; q++) { var ch = tree.child[4 * c + q]; if (ch >= 0) stack[top++] = ch; }
          }
        }
        fx[i] = sx - gravity * x[i]; fy[i] = sy - gravity * y[i];
      }
      for (var e = 0; e < es.length; e += 2) {
        var u = es[e], v = es[e + 1], ex = x[v] - x[u], ey = y[v] - y[u];
        fx[u] += ex; fy[u] += ey; fx[v] -= ex; fy[v] -= ey;
      }
      var t = tMin + (t0 - tMin) * (1 - it / iterations);
      for (var b = 0; b < n; b++) {
        var j = ids[b], len = Math.sqrt(fx[j] * fx[j] + fy[j] * fy[j]);
        if (len > 0) { var step = Math.min(len, t) / len; x[j] += fx[j] * step; y[j] += fy[j] * step; }
      }
    }
  }

  /* Positions for nodes 0..n-1 given edges as parallel arrays; returns {x, y}. */
  function layout(n, from, to, opts) {
    opts = opts || {};
    var k = opts.spacing || 70, random = rng(opts.seed || 7);
    var parent = new Int32Array(n);
    for (var i = 0; i < n; i++) parent[i] = i;
    function find(a) { while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; } return a; }
    for (var e = 0; e < from.length; e++) { var ra = find(from[e]), rb = find(to[e]); if (ra !== rb) parent[ra] = rb; }
    var groups = new Map();
    for (i = 0; i < n; i++) { var r = find(i); if (!groups.has(r)) groups.set(r, { ids: [], es: [] }); groups.get(r).ids.push(i); }
    for (e = 0; e < from.length; e++) if (from[e] !== to[e]) groups.get(find(from[e])).es.push(from[e], to[e]);
    var comps = Array.from(groups.values()).sort(function (a, b) { return b.ids.length - a.ids.length; });
    var iterations = opts.iterations || (n <= 2000 ? 300 : n <= 8000 ? 160 : 100);
    var x = new Float64Array(n), y = new Float64Array(n);
    comps.forEach(function (g) { component(g.ids, g.es, x, y, k, iterations, random); });
    pack(comps, x, y, k);
    return { x: x, y: y, components: comps.length, iterations: iterations };
  }

  /* Shelf-pack components (largest first) into a roughly square block. */
  function pack(comps, x, y, k) {
    var boxes = comps.map(function (g) {
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      g.ids.forEach(function (i) { minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]); minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]); });
      return { g: g, minX: minX, minY: minY, w: maxX - minX + 2 * k, h: maxY - minY + 2 * k };
    });
    var area = boxes.reduce(function (s, b) { return s + b.w * b.h; }, 0);
    var width = Math.max(boxes[0] ? boxes[0].w : 0, Math.sqrt(area) * 1.15);
    var cx = 0, cy = 0, rowH = 0;
    boxes.forEach(function (b) {
      if (cx > 0 && cx + b.w > width) { cx = 0; cy += rowH; rowH = 0; }
      var ox = cx + k - b.minX, oy = cy + k - b.minY;
      b.g.ids.forEach(function (i) { x[i] += ox; y[i] += oy; });
      cx += b.w; rowH = Math.max(rowH, b.h);
    });
  }

  return { layout: layout };
})();
