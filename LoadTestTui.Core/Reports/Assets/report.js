/* LoadTestTui report: draws the charts described in #report-data with uPlot. No network. */
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("report-data").textContent);
  var charts = [];

  // Byte axes step by binary sizes: 256 KiB, 512 KiB, 1 MiB... rather than 19.07 MiB.
  var BYTE_STEPS = [];
  for (var k = 0; k < 6; k++) [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].forEach(function (m) { BYTE_STEPS.push(m * Math.pow(1024, k)); });

  function num(v) { return typeof v === "number" && isFinite(v) ? v : null; }
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  function fmtNumber(v, digits) {
    var a = Math.abs(v);
    var d = digits != null ? digits : a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    return v.toLocaleString("en-US", { maximumFractionDigits: d });
  }

  function fmtBytes(v) {
    var units = ["B", "KiB", "MiB", "GiB", "TiB"], i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return fmtNumber(v, i === 0 ? 0 : 2) + " " + units[i];
  }

  function fmt(unit, v) {
    if (v == null) return "—";
    switch (unit) {
      case "ms": return fmtNumber(v) + " ms";
      case "bytes": return fmtBytes(v);
      case "%": return fmtNumber(v, 1) + " %";
      case "/s": return fmtNumber(v) + "/s";
      default: return fmtNumber(v);
    }
  }

  function fmtSeconds(s) {
    if (s == null) return "—";
    if (Math.abs(s) < 120) return fmtNumber(s, 1) + " s";
    var m = Math.floor(s / 60), r = Math.round(s - m * 60);
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  // x = 1/(1-p): 1 -> 0 %, 10 -> 90 %, 100 -> 99 %, ...
  function fmtPercentile(x) {
    if (x == null) return "—";
    var p = 100 * (1 - 1 / x);
    var digits = p >= 99.99 ? 3 : p >= 99.9 ? 2 : p >= 99 ? 1 : 0;
    return parseFloat(p.toFixed(digits)) + "%";
  }

  function fmtX(spec, v) {
    return spec.x_kind === "percentile" ? fmtPercentile(v) : spec.x_kind === "seconds" ? fmtSeconds(v) : fmtNumber(v);
  }

  function withAlpha(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16 & 255) + "," + (n >> 8 & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  function decades(min, max) {
    var steps = [[1], [1, 2, 5], [1, 1.5, 2, 3, 5, 7]];
    for (var k = 0; k < steps.length; k++) {
      var out = [];
      for (var d = Math.pow(10, Math.floor(Math.log10(min))); d <= max * 1.0001; d *= 10) {
        steps[k].forEach(function (m) { var v = d * m; if (v >= min / 1.0001 && v <= max * 1.0001) out.push(v); });
      }
      if (out.length >= 3 || k === steps.length - 1) return out.length >= 2 ? out : [min, max];
    }
  }

  function overlays(spec) {
    return {
      drawClear: [function (u) {
        var ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
        ctx.save();
        spec.shades.forEach(function (s, i) {
          var x0 = u.valToPos(s.from, "x", true), x1 = u.valToPos(s.to, "x", true);
          ctx.fillStyle = i % 2 ? css("--shade-a") : css("--shade-b");
          ctx.fillRect(x0, top, x1 - x0, height);
          ctx.fillStyle = css("--muted");
          ctx.font = 11 * devicePixelRatio + "px system-ui, sans-serif";
          ctx.fillText(s.label, x0 + 4 * devicePixelRatio, top + 12 * devicePixelRatio);
        });
        ctx.restore();
      }],
      draw: [function (u) {
        var ctx = u.ctx, b = u.bbox;
        ctx.save();
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.font = 11 * devicePixelRatio + "px system-ui, sans-serif";
        spec.lines.forEach(function (l) {
          var y = u.valToPos(l.y, "y", true);
          ctx.strokeStyle = css("--bad");
          ctx.beginPath(); ctx.moveTo(b.left, y); ctx.lineTo(b.left + b.width, y); ctx.stroke();
          ctx.fillStyle = css("--bad");
          ctx.fillText(l.label, b.left + 4 * devicePixelRatio, y - 4 * devicePixelRatio);
        });
        spec.markers.forEach(function (m) {
          var x = u.valToPos(m.x, "x", true);
          ctx.strokeStyle = css("--good");
          ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke();
          ctx.fillStyle = css("--good");
          ctx.fillText(m.label, x + 4 * devicePixelRatio, b.top + 14 * devicePixelRatio);
        });
        ctx.restore();
      }]
    };
  }

  function options(spec, width, raw) {
    var axis = css("--axis"), grid = css("--grid");
    var stacked = spec.series.map(function (s, i) { return s.stack ? i : -1; }).filter(function (i) { return i >= 0; });
    var bands = [];
    for (var k = 1; k < stacked.length; k++) {
      bands.push({ series: [stacked[k] + 1, stacked[k - 1] + 1], fill: withAlpha(spec.series[stacked[k]].color, 0.55) });
    }
    var series = [{ label: spec.x_label, value: function (u, v) { return fmtX(spec, v); } }];
    spec.series.forEach(function (s, i) {
      var unit = s.axis === 1 ? spec.unit2 : spec.unit;
      // A stacked state no bot was ever in would draw its line along the top of the stack: no line.
      var empty = s.stack && raw[i].every(function (v) { return !v; });
      series.push({
        label: s.label,
        stroke: empty ? "transparent" : s.color,
        width: s.stack ? 1 : 2,
        dash: s.dash ? [6, 4] : undefined,
        scale: s.axis === 1 ? "y2" : "y",
        fill: s.stack && i === stacked[0] ? withAlpha(s.color, 0.55) : undefined,
        // Default points show themselves when data is sparse: a lone second between gaps is still visible.
        points: s.points ? { show: true, size: 8, fill: s.color } : s.stack ? { show: false } : undefined,
        paths: s.points ? function () { return null; } : undefined,
        spanGaps: false,
        value: function (u, v, si, di) { return fmt(unit, di == null ? v : raw[si - 1][di]); }
      });
    });
    var yAxis = function (unit) {
      return {
        stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 64,
        values: function (u, splits) { return splits.map(function (v) { return v == null ? "" : fmt(unit, v); }); }
      };
    };
    var axes = [
      {
        stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, label: spec.x_label, labelSize: 24,
        values: function (u, splits) { return splits.map(function (v) { return fmtX(spec, v); }); }
      },
      Object.assign(yAxis(spec.unit), { label: spec.y_label, labelSize: 24 })
    ];
    var scales = {
      x: spec.x_kind === "percentile" ? { time: false, distr: 3, log: 10 } : { time: false },
      y: spec.log_y ? { distr: 3, log: 10 } : { range: function (u, min, max) { return [Math.min(0, min || 0), max > 0 ? max * 1.08 : 1]; } }
    };
    // On log axes, gridlines at powers of ten only (0 %, 90 %, 99 %... on the percentile axis): minor lines say nothing here.
    if (spec.x_kind === "percentile") {
      axes[0].splits = function (u) { return decades(u.scales.x.min, u.scales.x.max); };
    }
    if (spec.log_y) {
      axes[1].splits = function (u) { return decades(u.scales.y.min, u.scales.y.max); };
    }
    if (spec.x_kind === "seconds") {
      axes[0].incrs = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400];
    }
    if (spec.unit === "bytes") axes[1].incrs = BYTE_STEPS;
    if (spec.y2_label) {
      axes.push(Object.assign(yAxis(spec.unit2), { scale: "y2", side: 1, size: 84, grid: { show: false }, label: spec.y2_label, labelSize: 24, labelGap: 4 }));
      if (spec.unit2 === "bytes") axes[2].incrs = BYTE_STEPS;
      scales.y2 = { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } };
    }
    return {
      width: width,
      height: 300,
      series: series,
      bands: bands,
      axes: axes,
      scales: scales,
      legend: { live: true },
      cursor: {
        drag: { x: spec.x_kind !== "number", y: false },
        sync: spec.x_kind === "seconds" ? { key: "run-time" } : undefined
      },
      hooks: overlays(spec)
    };
  }

  function stack(spec, raw) {
    var sums = null;
    return spec.series.map(function (s, i) {
      if (!s.stack) return raw[i];
      sums = sums || raw[i].map(function () { return 0; });
      return raw[i].map(function (v, j) { if (v == null) return null; sums[j] += v; return sums[j]; });
    });
  }

  function build(spec) {
    var el = document.getElementById("chart-" + spec.id);
    if (!el) return;
    el.textContent = "";
    var raw = spec.series.map(function (s) { return s.values.map(num); });
    var data = [spec.x.map(num)].concat(stack(spec, raw));
    var u = new uPlot(options(spec, Math.max(320, el.clientWidth), raw), data, el);
    charts.push({ spec: spec, el: el, plot: u });
  }

  function buildAll() {
    charts.forEach(function (c) { c.plot.destroy(); });
    charts = [];
    specs.forEach(build);
    document.body.setAttribute("data-charts-drawn", String(charts.length));
  }

  var pending = 0;
  function resize() {
    clearTimeout(pending);
    pending = setTimeout(function () {
      charts.forEach(function (c) { c.plot.setSize({ width: Math.max(320, c.el.clientWidth), height: 300 }); });
    }, 100);
  }

  buildAll();
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", function () {
    charts.forEach(function (c) { c.plot.setSize({ width: Math.max(320, c.el.clientWidth), height: 260 }); });
  });
  if (window.matchMedia) {
    var scheme = window.matchMedia("(prefers-color-scheme: dark)");
    if (scheme.addEventListener) scheme.addEventListener("change", buildAll);
  }
})();
