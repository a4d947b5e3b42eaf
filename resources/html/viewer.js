/* argmap's HTML viewer: pan and zoom, collapse and expand, details on hover or
   tap, search.  Written for argmap; it reads the map's data from the JSON block
   and never fetches anything. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var $ = function (id) { return document.getElementById("am." + id); };
  var data = JSON.parse($("data").textContent);
  var svg = $("stage").querySelector("svg");
  var panel = $("panel"), search = $("search"), counter = $("count");
  if (!svg) { return; }

  // -- the drawing's parts ------------------------------------------------------
  var nodeEl = {}, edges = [], children = {}, folds = {};
  Array.prototype.forEach.call(svg.querySelectorAll("g.node"), function (g) { nodeEl[g.id] = g; });
  Array.prototype.forEach.call(svg.querySelectorAll("g.edge"), function (g) {
    var t = g.querySelector("title"), name = t ? t.textContent : "", at = name.indexOf(">");
    if (at > 0) { edges.push([g, name.slice(0, at - 1), name.slice(at + 1)]); }
  });
  // the panel shows what the native tooltips would, and more
  Array.prototype.forEach.call(svg.querySelectorAll("g title"), function (t) { t.remove(); });
  Array.prototype.forEach.call(svg.querySelectorAll("a"), function (a) {
    a.removeAttributeNS("http://www.w3.org/1999/xlink", "title");
  });
  var ids = Object.keys(data.nodes).filter(function (id) { return nodeEl[id]; });
  ids.forEach(function (id) { children[id] = []; });
  ids.forEach(function (id) {
    var p = data.nodes[id].parent;
    if (p && children[p]) { children[p].push(id); }
  });
  // a collapsed section drawn as one box: below the node its edge comes from, and
  // standing for the nodes its label counts ("[3 nodes]")
  var weight = {};
  Object.keys(nodeEl).forEach(function (name) {
    if (data.nodes[name] || data.junctions[name]) { return; }
    var counted = nodeEl[name].textContent.match(/\[(\d+) nodes?\]/g);
    weight[name] = counted ? parseInt(counted[counted.length - 1].slice(1), 10) : 1;
    children[name] = [];
  });
  edges.forEach(function (e) {
    if (children[e[1]] && weight[e[2]] && children[e[1]].indexOf(e[2]) < 0) { children[e[1]].push(e[2]); }
  });
  function below(id) {  // every drawn node under id (iterative: chains may be deep)
    var out = [], stack = children[id].slice();
    while (stack.length) { var c = stack.pop(); out.push(c); stack.push.apply(stack, children[c]); }
    return out;
  }
  function hiddenCount(id) {  // the nodes folded away under id, a section box's included
    return below(id).reduce(function (n, c) { return n + (weight[c] || 1); }, 0);
  }

  // -- collapse and expand ------------------------------------------------------
  var collapsed = {}, hidden = {};
  function isHidden(name) { return hidden[data.junctions[name] || name] === true; }
  function apply() {
    hidden = {};
    Object.keys(collapsed).forEach(function (id) {
      below(id).forEach(function (c) { hidden[c] = true; });
    });
    Object.keys(nodeEl).forEach(function (name) {
      nodeEl[name].style.display = isHidden(name) ? "none" : "";
    });
    edges.forEach(function (e) {
      e[0].style.display = isHidden(e[1]) || isHidden(e[2]) ? "none" : "";
    });
    Object.keys(data.groups).forEach(function (group) {
      var g = document.getElementById(group);
      if (g) { g.style.display = data.groups[group].every(isHidden) ? "none" : ""; }
    });
    Object.keys(folds).forEach(function (id) {
      var f = folds[id], shut = collapsed[id] === true;
      f.label.textContent = shut ? "+" + hiddenCount(id) : "−";
      f.box.setAttribute("width", shut ? 10 + 7 * f.label.textContent.length : 16);
      f.g.setAttribute("aria-label", shut ? "Expand" : "Collapse");
      f.g.setAttribute("aria-expanded", shut ? "false" : "true");
    });
  }
  function toggle(id, shut) {
    if (shut === undefined) { shut = !collapsed[id]; }
    if (shut) { collapsed[id] = true; } else { delete collapsed[id]; }
    apply();
    if (pinned === id) { showPanel(id); }
  }
  function addFold(id) {
    var g = nodeEl[id], box = g.getBBox(), f = document.createElementNS(NS, "g");
    var rect = document.createElementNS(NS, "rect"), text = document.createElementNS(NS, "text");
    f.setAttribute("class", "am-fold");
    f.setAttribute("role", "button");
    f.setAttribute("tabindex", "0");
    rect.setAttribute("x", box.x + box.width - 14);
    rect.setAttribute("y", box.y + box.height - 8);
    rect.setAttribute("height", 16);
    rect.setAttribute("rx", 8);
    text.setAttribute("x", box.x + box.width - 9);
    text.setAttribute("y", box.y + box.height + 4);
    f.appendChild(rect);
    f.appendChild(text);
    g.appendChild(f);
    f.addEventListener("click", function (ev) { ev.stopPropagation(); toggle(id); });
    f.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(id); }
    });
    folds[id] = { g: f, box: rect, label: text };
  }
  ids.forEach(function (id) { if (children[id].length) { addFold(id); } });

  // -- the details panel --------------------------------------------------------
  var pinned = null;
  var KIND = {
    claim: "Claim", support: "Reason", rebuttal: "Rebuttal",
    counter: "Counter-rebuttal", undercut: "Undercut"
  };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  function showPanel(id) {
    var n = data.nodes[id];
    panel.textContent = "";
    panel.appendChild(el("p", "am-kind", KIND[n.kind] || n.kind));
    if (n.title) { panel.appendChild(el("h2", "am-title", n.title)); }
    if (n.text) { panel.appendChild(el("p", "am-text", n.text)); }
    if (n.note) {
      var note = el("p", "am-note");
      note.appendChild(el("strong", null, "Note: "));
      note.appendChild(document.createTextNode(n.note));
      panel.appendChild(note);
    }
    n.refs.forEach(function (r) {
      if (!r.before && !r.quote && !r.after) {  // no source text attached: its place only
        panel.appendChild(el("p", "am-ref-bare", "Source ¶ " + r.paragraph));
        return;
      }
      var q = el("blockquote", "am-ref");
      q.appendChild(el("span", "am-para", "¶ " + r.paragraph));
      if (r.before) { q.appendChild(document.createTextNode(r.before)); }
      if (r.quote) { q.appendChild(el("mark", null, r.quote)); }
      if (r.after) { q.appendChild(document.createTextNode(r.after)); }
      panel.appendChild(q);
    });
    if (children[id] && children[id].length) {
      var shut = collapsed[id] === true;
      var b = el("button", "am-toggle", shut ? "Expand (" + hiddenCount(id) + " hidden)" : "Collapse");
      b.type = "button";
      b.addEventListener("click", function () { toggle(id); });
      panel.appendChild(b);
    }
    panel.hidden = false;
  }
  function hidePanel() { panel.hidden = true; panel.textContent = ""; }
  function pin(id) {
    if (pinned && nodeEl[pinned]) { nodeEl[pinned].classList.remove("am-selected"); }
    pinned = id;
    if (id) { nodeEl[id].classList.add("am-selected"); showPanel(id); } else { hidePanel(); }
  }
  ids.forEach(function (id) {
    var g = nodeEl[id];
    g.addEventListener("pointerenter", function (ev) { if (ev.pointerType === "mouse") { showPanel(id); } });
    g.addEventListener("pointerleave", function (ev) {
      if (ev.pointerType !== "mouse") { return; }
      if (pinned) { showPanel(pinned); } else { hidePanel(); }
    });
    g.addEventListener("click", function (ev) { ev.stopPropagation(); if (!dragged) { pin(id); } });
  });
  svg.addEventListener("click", function () { if (!dragged) { pin(null); } });

  // -- pan and zoom, through the viewBox ------------------------------------------
  var base = svg.viewBox.baseVal, whole = [base.x, base.y, base.width, base.height];
  var view = whole.slice();
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  function draw() { svg.setAttribute("viewBox", view.join(" ")); }
  function fit() {  // the whole drawing, never enlarged past its natural size (1 pt = 4/3 px)
    var w = Math.max(whole[2], svg.clientWidth * 0.75), h = Math.max(whole[3], svg.clientHeight * 0.75);
    view = [whole[0] + (whole[2] - w) / 2, whole[1] + (whole[3] - h) / 2, w, h];
    draw();
  }
  function toUser(cx, cy) {
    var m = svg.getScreenCTM();
    return m ? new DOMPoint(cx, cy).matrixTransform(m.inverse()) : { x: view[0] + view[2] / 2, y: view[1] + view[3] / 2 };
  }
  function zoom(factor, cx, cy) {
    var widest = Math.max(whole[2], svg.clientWidth * 0.75) * 4;
    var w = Math.min(widest, Math.max(whole[2] / 40, view[2] / factor));
    factor = view[2] / w;
    var p = cx === undefined ? { x: view[0] + view[2] / 2, y: view[1] + view[3] / 2 } : toUser(cx, cy);
    view = [p.x - (p.x - view[0]) / factor, p.y - (p.y - view[1]) / factor, w, view[3] / factor];
    draw();
  }
  function centre(id) {
    var b = nodeEl[id].getBBox(), m = nodeEl[id].getScreenCTM(), r = svg.getScreenCTM();
    var k = m && r ? r.inverse().multiply(m) : null;
    var x = b.x + b.width / 2, y = b.y + b.height / 2;
    if (k) { var p = new DOMPoint(x, y).matrixTransform(k); x = p.x; y = p.y; }
    // near its natural size when the whole map is too small to read; never zoomed out
    var w = Math.min(view[2], Math.max(svg.clientWidth * 0.75, b.width * 1.6));
    var h = view[3] * w / view[2];
    view = [x - w / 2, y - h / 2, w, h];
    draw();
  }
  var pointers = {}, dragged = false, start = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest(".am-fold")) { return; }
    pointers[ev.pointerId] = [ev.clientX, ev.clientY];
    dragged = false;
    start = [ev.clientX, ev.clientY];
  });
  svg.addEventListener("pointermove", function (ev) {
    var last = pointers[ev.pointerId];
    if (!last) { return; }
    var keys = Object.keys(pointers), m = svg.getScreenCTM(), s = m ? m.a : 1;
    if (keys.length === 2) {  // pinch
      var other = pointers[keys[0] == ev.pointerId ? keys[1] : keys[0]];
      var before = Math.hypot(last[0] - other[0], last[1] - other[1]);
      var after = Math.hypot(ev.clientX - other[0], ev.clientY - other[1]);
      if (before > 0) { zoom(after / before, (ev.clientX + other[0]) / 2, (ev.clientY + other[1]) / 2); }
      dragged = true;
    } else {
      if (Math.hypot(ev.clientX - start[0], ev.clientY - start[1]) > 4) {
        if (!dragged) { svg.setPointerCapture(ev.pointerId); }
        dragged = true;
      }
      if (dragged) {
        view[0] -= (ev.clientX - last[0]) / s;
        view[1] -= (ev.clientY - last[1]) / s;
        draw();
      }
    }
    pointers[ev.pointerId] = [ev.clientX, ev.clientY];
  });
  function up(ev) {
    delete pointers[ev.pointerId];
    setTimeout(function () { dragged = false; }, 0);
  }
  svg.addEventListener("pointerup", up);
  svg.addEventListener("pointercancel", up);
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoom(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), ev.clientX, ev.clientY);
  }, { passive: false });
  $("in").addEventListener("click", function () { zoom(1.25); });
  $("out").addEventListener("click", function () { zoom(0.8); });
  $("fit").addEventListener("click", fit);

  // -- search -------------------------------------------------------------------
  var hits = [], at = -1;
  function plain(s) { return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var haystack = {};
  ids.forEach(function (id) {
    var n = data.nodes[id];
    haystack[id] = plain([n.title, n.text, n.note].concat(n.refs.map(function (r) { return r.quote; })).join("\n"));
  });
  function mark() {
    ids.forEach(function (id) { nodeEl[id].classList.remove("am-hit", "am-current"); });
    hits.forEach(function (id) { nodeEl[id].classList.add("am-hit"); });
    if (at < 0) { return; }
    var id = hits[at], p = data.nodes[id].parent;
    while (p) { if (collapsed[p]) { delete collapsed[p]; } p = data.nodes[p] ? data.nodes[p].parent : null; }
    apply();
    nodeEl[id].classList.add("am-current");
    centre(id);
    pin(id);  // pinned: the pointer leaving a node the view moved away must not hide it
  }
  function find() {
    var q = plain(search.value.trim());
    hits = q ? ids.filter(function (id) { return haystack[id].indexOf(q) >= 0; }) : [];
    at = hits.length ? 0 : -1;
    counter.textContent = !q ? "" : hits.length ? "1 of " + hits.length : "no match";
    mark();
  }
  function step(by) {
    if (!hits.length) { return; }
    at = (at + by + hits.length) % hits.length;
    counter.textContent = (at + 1) + " of " + hits.length;
    mark();
  }
  search.addEventListener("input", find);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); step(ev.shiftKey ? -1 : 1); }
    if (ev.key === "Escape") { search.value = ""; find(); search.blur(); }
  });

  // -- keys and printing ----------------------------------------------------------
  document.addEventListener("keydown", function (ev) {
    if (ev.target === search || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "+" || ev.key === "=") { zoom(1.25); }
    else if (ev.key === "-" || ev.key === "_") { zoom(0.8); }
    else if (ev.key === "0") { fit(); }
    else if (ev.key === "/") { ev.preventDefault(); search.focus(); }
    else if (ev.key === "Escape") { pin(null); }
    else { return; }
  });
  var kept = null;
  window.addEventListener("beforeprint", function () { kept = view; fit(); });
  window.addEventListener("afterprint", function () { if (kept) { view = kept; draw(); } });
  apply();
  fit();
  document.documentElement.setAttribute("data-argmap", "ready");
})();
