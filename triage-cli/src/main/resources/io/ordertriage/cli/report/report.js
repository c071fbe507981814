// The report's behaviour: filters, sorting, paging, expanding an order, charts. Every value from the
// data is put on the page with textContent or as an SVG text node, never as markup, so an order id
// that looks like an image tag with an onerror handler shows as text. Only the visible page of the
// work queue is in the DOM, so 50,000 orders filter and sort without freezing the page.
(function () {
  'use strict';
  var PAGE = 100;
  var RANK = {P1: 1, P2: 2, P3: 3};
  var run = JSON.parse(document.getElementById('run-data').textContent);
  var orders = JSON.parse(document.getElementById('orders-data').textContent);
  var packOf = run.packs || {};
  var state = {priority: '', code: '', action: '', city: '', store: '', text: '', sort: 'priority', desc: false, page: 0};
  var shown = orders;
  var open = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function codes(o) { return (o.f || []).map(function (f) { return f.c; }); }
  function actions(o) { return (o.f || []).map(function (f) { return f.a; }); }
  function distinct(values) {
    var seen = {}; var out = [];
    values.forEach(function (v) { if (v !== undefined && v !== null && v !== '' && !seen[v]) { seen[v] = true; out.push(v); } });
    return out.sort();
  }
  function countBy(items, key) {
    var m = {};
    items.forEach(function (i) { var k = key(i); m[k] = (m[k] || 0) + 1; });
    return m;
  }

  // ---- filters -------------------------------------------------------------------------------
  function fillSelect(id, values, label) {
    var s = $(id);
    s.appendChild(el('option', null, label)).value = '';
    values.forEach(function (v) { s.appendChild(el('option', null, v)).value = v; });
    s.addEventListener('change', function () { state[s.dataset.key] = s.value; state.page = 0; refresh(); });
  }
  var allCodes = distinct([].concat.apply([], orders.map(codes)));
  fillSelect('f-priority', distinct(orders.map(function (o) { return o.p; })), 'any priority');
  fillSelect('f-code', allCodes, 'any code');
  fillSelect('f-action', distinct([].concat.apply([], orders.map(actions))), 'any action');
  fillSelect('f-city', distinct(orders.map(function (o) { return o.city; })), 'any city');
  fillSelect('f-store', distinct(orders.map(function (o) { return o.store; })), 'any store');
  $('f-text').addEventListener('input', function (e) { state.text = e.target.value.trim().toLowerCase(); state.page = 0; refresh(); });
  $('f-clear').addEventListener('click', function () {
    ['priority', 'code', 'action', 'city', 'store'].forEach(function (k) { state[k] = ''; $('f-' + k).value = ''; });
    state.text = ''; $('f-text').value = ''; state.page = 0; refresh();
  });

  function matches(o) {
    if (state.priority && o.p !== state.priority) { return false; }
    if (state.code && codes(o).indexOf(state.code) < 0) { return false; }
    if (state.action && actions(o).indexOf(state.action) < 0) { return false; }
    if (state.city && o.city !== state.city) { return false; }
    if (state.store && o.store !== state.store) { return false; }
    if (state.text && String(o.id).toLowerCase().indexOf(state.text) < 0) { return false; }
    return true;
  }

  // ---- sorting -------------------------------------------------------------------------------
  var keys = {
    priority: function (o) { return [RANK[o.p] || 9, o.t, o.id]; },
    id: function (o) { return [o.id]; },
    created: function (o) { return [o.t, o.id]; },
    city: function (o) { return [o.city || '', o.id]; },
    store: function (o) { return [o.store || '', o.id]; },
    codes: function (o) { return [codes(o).join(' '), o.id]; }
  };
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }
  Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      var k = th.dataset.sort;
      state.desc = state.sort === k ? !state.desc : false;
      state.sort = k; state.page = 0; refresh();
    });
  });

  // ---- the work queue ------------------------------------------------------------------------
  function refresh() {
    var key = keys[state.sort];
    shown = orders.filter(matches).map(function (o) { return {o: o, k: key(o)}; })
      .sort(function (a, b) { var c = compare(a.k, b.k); return state.desc ? -c : c; })
      .map(function (x) { return x.o; });
    var byPriority = countBy(shown, function (o) { return o.p || 'OK'; });
    $('count').textContent = shown.length + ' of ' + orders.length + ' orders';
    ['P1', 'P2', 'P3'].forEach(function (p) { $('count-' + p).textContent = p + ' ' + (byPriority[p] || 0); });
    Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (th) {
      th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none');
    });
    renderPage();
  }

  function renderPage() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var body = $('queue-body');
    body.textContent = '';
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (o) {
      var tr = el('tr', 'order ' + (o.p || 'OK'));
      tr.dataset.id = o.id;
      tr.appendChild(el('td', 'prio', o.p || 'OK'));
      var idCell = el('td', 'id');
      var toggle = el('button', 'expand', o.id);
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', open[o.id] ? 'true' : 'false');
      idCell.appendChild(toggle);
      tr.appendChild(idCell);
      tr.appendChild(el('td', 'created', o.local));
      tr.appendChild(el('td', null, o.city || ''));
      tr.appendChild(el('td', null, o.store || ''));
      tr.appendChild(el('td', 'codes', distinct(codes(o)).join(', ')));
      tr.appendChild(el('td', null, distinct(actions(o)).join(', ')));
      tr.appendChild(contactCell(o));
      body.appendChild(tr);
      toggle.addEventListener('click', function () {
        open[o.id] = !open[o.id];
        renderPage();
      });
      if (open[o.id]) {
        body.appendChild(details(o));
      }
    });
    $('page').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    $('prev').disabled = state.page === 0;
    $('next').disabled = state.page >= pages - 1;
  }
  $('prev').addEventListener('click', function () { state.page--; renderPage(); });
  $('next').addEventListener('click', function () { state.page++; renderPage(); });

  function link(text, href, cls) {
    var a = el('a', 'button ' + cls, text);
    a.href = href;
    a.rel = 'noopener noreferrer';
    return a;
  }
  // tel: and https://wa.me/ links, only ever built on those prefixes: a hostile value cannot make a script URL
  function contactCell(o) {
    var td = el('td', 'contact');
    if (o.ph) { td.appendChild(link('Call', 'tel:' + o.ph, 'call')); }
    if (o.wa && /^https:\/\/wa\.me\/\d+$/.test(o.wa)) { td.appendChild(link('WhatsApp', o.wa, 'whatsapp')); }
    if (o.rph) { td.appendChild(link('Call recipient', 'tel:' + o.rph, 'call')); }
    if (o.rwa && /^https:\/\/wa\.me\/\d+$/.test(o.rwa)) { td.appendChild(link('Recipient WhatsApp', o.rwa, 'whatsapp')); }
    return td;
  }

  function details(o) {
    var tr = el('tr', 'details');
    var td = el('td');
    td.colSpan = 8;
    if (o.n) {
      td.appendChild(el('p', null, 'Normal combination ' + o.n + ': no status finding.'));
    }
    if (o.f && o.f.length) {
      var list = el('ul', 'findings');
      o.f.forEach(function (f) {
        var li = el('li', 'finding ' + f.p);
        li.appendChild(el('span', 'fprio', f.p));
        li.appendChild(el('span', 'fcode', f.c + (f.sku ? ' ' + f.sku : '')));
        li.appendChild(el('span', 'faction', f.a));
        if (f.ack) { li.appendChild(el('span', 'fack', 'acknowledged')); }
        li.appendChild(el('div', 'frule', 'rule: ' + f.r + (packOf[f.r] ? ' (' + packOf[f.r] + ')' : '')));
        li.appendChild(el('div', 'fmsg', f.m));
        list.appendChild(li);
      });
      td.appendChild(list);
    }
    if (o.b && o.b.length) {
      td.appendChild(el('p', 'basket-title', 'Resolved basket:'));
      var basket = el('ul', 'basket');
      o.b.forEach(function (l) {
        basket.appendChild(el('li', null, l.sku + ': ' + l.d + (l.sub ? ' ' + l.sub : '')));
      });
      td.appendChild(basket);
    }
    tr.appendChild(td);
    return tr;
  }

  // ---- tabs ----------------------------------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll('[role=tab]'), function (tab) {
    tab.addEventListener('click', function () {
      Array.prototype.forEach.call(document.querySelectorAll('[role=tab]'), function (t) {
        var selected = t === tab;
        t.setAttribute('aria-selected', selected ? 'true' : 'false');
        $(t.getAttribute('aria-controls')).hidden = !selected;
      });
    });
  });

  // ---- rejects -------------------------------------------------------------------------------
  var rejectBody = $('rejects-body');
  (run.rejects || []).forEach(function (r) {
    var tr = el('tr');
    [r.lines, r.id, r.field, r.value, r.reason].forEach(function (v) { tr.appendChild(el('td', null, v)); });
    rejectBody.appendChild(tr);
  });

  // ---- charts: horizontal bars in SVG, built from the data -----------------------------------
  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function bars(containerId, title, counts, limit, byKey) {
    var box = $(containerId);
    box.appendChild(el('h3', null, title));
    var entries = Object.keys(counts).map(function (k) { return [k, counts[k]]; })
      .sort(function (a, b) { return byKey ? (a[0] < b[0] ? -1 : 1) : b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    if (!entries.length) { box.appendChild(el('p', 'none', 'none')); return; }
    var more = entries.length > limit ? entries.length - limit : 0;
    entries = entries.slice(0, limit);
    var max = Math.max.apply(null, entries.map(function (e) { return e[1]; }));
    var rowH = 18, labelW = 190, barW = 220;
    var chart = svg('svg', {width: labelW + barW + 60, height: entries.length * rowH + 4, role: 'img'});
    var label = svg('title'); label.textContent = title; chart.appendChild(label);
    entries.forEach(function (e, i) {
      var y = i * rowH + 2;
      var name = svg('text', {x: labelW - 6, y: y + 13, 'text-anchor': 'end', 'class': 'label'});
      name.textContent = e[0].length > 30 ? e[0].slice(0, 29) + '…' : e[0];
      var full = svg('title'); full.textContent = e[0] + ': ' + e[1]; name.appendChild(full);
      chart.appendChild(name);
      chart.appendChild(svg('rect', {x: labelW, y: y + 2, height: rowH - 5, width: Math.max(1, Math.round(barW * e[1] / max)), 'class': 'bar'}));
      var n = svg('text', {x: labelW + Math.round(barW * e[1] / max) + 4, y: y + 13, 'class': 'value'});
      n.textContent = String(e[1]);
      chart.appendChild(n);
    });
    box.appendChild(chart);
    if (more) { box.appendChild(el('p', 'more', 'and ' + more + ' more')); }
  }
  var findings = [].concat.apply([], orders.map(function (o) { return o.f || []; }));
  bars('chart-codes', 'Findings by code', countBy(findings, function (f) { return f.c; }), 15);
  bars('chart-packs', 'Findings by pack', countBy(findings, function (f) { return packOf[f.r] || 'extra rules'; }), 15);
  bars('chart-days', 'Attention orders by day created', countBy(orders.filter(function (o) { return o.p; }),
    function (o) { return o.day; }), 62, true);
  if (run.cancelled) {
    bars('chart-cancel-reason', 'Cancellations by reason', run.cancelledByReason, 15);
    bars('chart-cancel-role', 'Cancellations by role', run.cancelledByRole, 15);
  }
  bars('chart-rejects', 'Rejects by reason', countBy(run.rejects || [], function (r) {
    return (r.field ? r.field + ': ' : '') + String(r.reason).split(/[;:(]/)[0].trim();
  }), 15);

  refresh();
  document.body.classList.add('ready');
}());
