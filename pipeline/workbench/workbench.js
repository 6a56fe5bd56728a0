// The workbench: segments beside the localized page, read and written
// through /api/. Every piece of message data reaches the page through
// textContent or a property, never as markup.
'use strict';
(() => {
  const T = window.quipuTags;
  const P = window.quipuPage;
  const A = window.quipuAids;
  const { el, tagged, sourceDiff, fit, button } = P;
  const $ = (sel) => document.querySelector(sel);
  const locale = document.body.dataset.locale;
  const doc = document.body.dataset.doc;
  const token = $('meta[name="quipu-token"]').content;
  const docPath = doc.split('/').map(encodeURIComponent).join('/');
  const api = '/api/' + encodeURIComponent(locale) + '/' + docPath;
  const pageURL = '/' + encodeURIComponent(locale) + '/' + docPath + '.html';
  const stateLabel = { untranslated: 'untranslated', fuzzy: 'fuzzy', translated: 'translated', reviewed: 'reviewed', aligned: 'aligned', machine: 'machine', rejected: 'rejected' };

  const segs = []; // one per message, in document order
  const byId = new Map();
  let current = null;
  let filter = 'all';
  let down = false; // the last read found no server

  // backdrop mirrors the editor's text with its tags marked, behind the
  // transparent textarea, so tags read as tokens while the text stays plain.
  function backdrop(seg) {
    const src = new Set(T.tagsOf(seg.msg.source));
    const box = seg.mirror;
    box.replaceChildren();
    for (const t of T.tokenize(seg.editor.value)) {
      if (t.text !== undefined) box.append(t.text);
      else box.append(el('mark', src.has(t.tag) ? 'tok' : 'tok bad', t.tag));
    }
    box.append('\n');
  }

  // --- the segment cards -------------------------------------------------

  function build(msg, i) {
    const seg = { msg, i, draft: null, base: msg.version, problems: msg.problems || [], status: '', conflict: false };
    const card = el('article', 'seg');
    card.dataset.id = msg.id;
    const head = el('header', 'seg-head');
    seg.num = el('span', 'num', i + 1);
    seg.kind = el('span', 'kind', msg.kind || 'segment');
    seg.badge = el('span', 'badge');
    seg.dirty = el('span', 'dirty', 'unsaved');
    seg.pos = el('span', 'pos', msg.position || '');
    head.append(seg.num, seg.kind, seg.badge, seg.dirty, seg.pos);
    seg.source = el('div', 'source');
    seg.source.lang = 'en';
    const wrap = el('div', 'editor');
    seg.mirror = el('div', 'mirror');
    seg.mirror.setAttribute('aria-hidden', 'true');
    seg.editor = el('textarea');
    seg.editor.lang = locale;
    seg.editor.rows = 1;
    seg.editor.placeholder = 'Not translated yet: type the ' + locale + ' translation';
    seg.editor.setAttribute('aria-label', 'Translation of segment ' + (i + 1));
    wrap.append(seg.mirror, seg.editor);
    seg.details = el('div', 'details');
    card.append(head, seg.source, wrap, seg.details);
    seg.card = card;

    seg.editor.addEventListener('focus', () => select(seg, false));
    seg.editor.addEventListener('input', () => edited(seg));
    seg.editor.addEventListener('keydown', (e) => P.wholeTag(seg.editor, e));
    card.addEventListener('mousedown', (e) => {
      if (e.target === card || e.target.closest('.seg-head, .source')) select(seg, false);
    });
    fill(seg);
    return seg;
  }

  // fill shows a message as it is on disk, unless the translator has a draft.
  function fill(seg) {
    const m = seg.msg;
    english(seg);
    if (seg.draft === null) {
      seg.editor.value = m.text || '';
      seg.base = m.version;
    }
    seg.badge.className = 'badge s-' + (stateLabel[m.state] ? m.state : 'other');
    seg.badge.textContent = stateLabel[m.state] || m.state || 'unknown';
    seg.card.dataset.state = m.state;
    backdrop(seg);
    if (seg === current) details(seg);
    paint(seg);
  }

  // english draws a segment's English: a word diff when fuzzy, the
  // glossary's terms underlined when current.
  function english(seg) {
    const m = seg.msg;
    seg.source.classList.remove('diff');
    if (m.state === 'fuzzy' && m.diff) sourceDiff(seg.source, m.diff);
    else tagged(seg.source, m.source, false, m.tags);
    if (seg === current) P.terms(seg.source, m.glossary);
  }

  function paint(seg) {
    seg.dirty.hidden = seg.draft === null;
    seg.card.classList.toggle('has-findings', seg.problems.length > 0);
    seg.card.classList.toggle('has-errors', seg.problems.some((p) => p.severity === 'error'));
    if (seg === current && seg.statusEl) {
      // only what typing changes is redrawn: the buttons beside stay put
      seg.statusEl.className = 'status' + (seg.statusKind ? ' ' + seg.statusKind : '');
      seg.statusEl.textContent = seg.status;
      A.findings(seg);
    }
  }

  function edited(seg) {
    const v = seg.editor.value;
    seg.draft = v === (seg.msg.text || '') && seg.base === seg.msg.version ? null : v;
    fit(seg.editor);
    backdrop(seg);
    seg.problems = T.problems(seg.msg.source, v);
    seg.status = '';
    paint(seg);
    counts();
    clearTimeout(seg.timer);
    seg.timer = setTimeout(() => check(seg), 300);
  }

  // details opens the current segment's panel (aids.js draws it).
  function details(seg) {
    A.details(seg, { save, copySource, insertTag, insert, replace, reloadMessage, keepDraft });
  }

  // --- selection, filters and progress -----------------------------------

  function visible(seg) {
    const st = seg.msg.state;
    switch (filter) {
      case 'untranslated': return todo(st);
      case 'fuzzy': return st === 'fuzzy';
      case 'findings': return seg.problems.length > 0;
      default: return true;
    }
  }

  function applyFilter() {
    let shown = 0;
    for (const s of segs) {
      const v = visible(s) || s === current;
      const was = !s.card.hidden;
      s.card.hidden = !v;
      if (v) shown++;
      // a hidden editor has no height to fit: fit it as it shows
      if (v && !was) fit(s.editor);
    }
    $('#empty').hidden = shown > 0;
    if (!shown) $('#empty').textContent = 'Nothing here: no segment matches this filter.';
    for (const b of document.querySelectorAll('#filters button')) b.setAttribute('aria-pressed', String(b.dataset.filter === filter));
  }

  // Drafts (machine, aligned) and translations the build rejects (tags
  // wrong) are work to do: listed with the untranslated, never counted as
  // translated.
  const drafts = new Set(['machine', 'aligned', 'rejected']);
  const todo = (st) => st === 'untranslated' || drafts.has(st);

  function counts() {
    const c = { total: segs.length, untranslated: 0, fuzzy: 0, translated: 0, reviewed: 0, findings: 0, drafts: 0 };
    for (const s of segs) {
      const st = s.msg.state;
      if (drafts.has(st)) c.drafts++;
      else if (st in c) c[st]++;
      else c.translated++;
      if (s.problems.length) c.findings++;
    }
    const done = c.translated + c.reviewed;
    $('#progress-text').textContent = done + ' of ' + c.total + ' translated · ' + c.reviewed + ' reviewed' +
      (c.fuzzy ? ' · ' + c.fuzzy + ' fuzzy' : '') + (c.drafts ? ' · ' + c.drafts + (c.drafts === 1 ? ' draft' : ' drafts') : '');
    const pct = (k) => (c.total ? (100 * k) / c.total : 0) + '%';
    $('.m-reviewed').style.width = pct(c.reviewed);
    $('.m-translated').style.width = pct(c.translated);
    $('.m-fuzzy').style.width = pct(c.fuzzy);
    const n = { all: c.total, untranslated: c.untranslated + c.drafts, fuzzy: c.fuzzy, findings: c.findings };
    for (const b of document.querySelectorAll('#filters button')) b.querySelector('.count').textContent = n[b.dataset.filter];
  }

  // select makes seg current; focus puts the cursor in it and brings it
  // into view, at once when a held key repeats (a smooth scroll would be
  // cut short by the next one and leave the segment out of view).
  function select(seg, focus, instant) {
    if (!seg) return;
    if (current !== seg) {
      const was = current;
      current = seg;
      if (was) {
        was.card.classList.remove('current');
        was.details.replaceChildren();
        english(was);
      }
      seg.card.classList.add('current');
      english(seg);
      details(seg);
      applyFilter();
      highlight();
      history.replaceState(null, '', '#' + encodeURIComponent(seg.msg.id));
    }
    if (focus) {
      seg.editor.focus({ preventScroll: true });
      seg.card.scrollIntoView({ block: 'nearest', behavior: instant ? 'auto' : 'smooth' });
    }
  }

  // move goes step segments on among those shown; false at either end.
  function move(step, instant) {
    const shown = segs.filter((s) => !s.card.hidden);
    if (!shown.length) return false;
    const was = shown.indexOf(current);
    const k = was < 0 ? 0 : Math.min(Math.max(was + step, 0), shown.length - 1);
    select(shown[k], true, instant);
    return k !== was;
  }

  // --- editing aids --------------------------------------------------------

  // insert types s at the cursor through the browser's editing, so undo works.
  function insert(seg, s) {
    const ta = seg.editor;
    ta.focus();
    if (!document.execCommand('insertText', false, s)) {
      ta.setRangeText(s, ta.selectionStart, ta.selectionEnd, 'end');
      edited(seg);
    }
  }

  function replace(seg, s) {
    seg.editor.focus();
    seg.editor.select();
    insert(seg, s);
  }

  function copySource(seg) { replace(seg, seg.msg.source); }

  function insertTag(seg) {
    const ta = seg.editor;
    const t = T.next(seg.msg.source, ta.value);
    if (!t) {
      status(seg, 'Every tag of the English is in place.', '');
      return;
    }
    const close = '</' + t.slice(1);
    const sel = ta.value.slice(ta.selectionStart, ta.selectionEnd);
    if (!t.endsWith('/>') && !t.startsWith('</') && sel && T.tagsOf(seg.msg.source).includes(close)) {
      insert(seg, t + sel + close);
    } else {
      insert(seg, t);
    }
  }

  function status(seg, text, kind) {
    seg.status = text;
    seg.statusKind = kind;
    if (seg === current) {
      if (seg.conflict) details(seg);
      else paint(seg);
      // what went wrong must be in view, not below the fold
      if (kind === 'bad') seg.card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }

  // --- the server ----------------------------------------------------------

  async function call(method, url, body) {
    const init = { method, headers: {}, cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-Quipu-Token'] = token;
      init.body = JSON.stringify(body);
    }
    const r = await fetch(url, init);
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    return { status: r.status, data };
  }

  function msgURL(seg) { return api + '/' + encodeURIComponent(seg.msg.id); }

  async function check(seg) {
    const text = seg.editor.value;
    try {
      const r = await call('POST', msgURL(seg) + '/check', { text });
      if (r.status === 200 && seg.editor.value === text) {
        seg.problems = r.data.problems || [];
        paint(seg);
        counts();
      }
    } catch (e) { /* the local findings stay */ }
  }

  async function save(seg, reviewed, andNext) {
    const text = seg.editor.value;
    let state = '';
    if (reviewed) state = 'reviewed';
    else if (seg.msg.state === 'reviewed' && text === seg.msg.text) state = 'reviewed';
    if (reviewed && text.trim() === '') {
      status(seg, 'Nothing to review: translate it first.', 'bad');
      return;
    }
    status(seg, 'Saving…', '');
    let r;
    try {
      r = await call('PUT', msgURL(seg), { text, state, version: seg.base });
    } catch (e) {
      status(seg, 'Not saved: the server did not answer.', 'bad');
      return;
    }
    switch (r.status) {
      case 200:
        seg.msg.text = text;
        seg.msg.state = r.data.state || (text ? 'translated' : 'untranslated');
        seg.msg.version = r.data.version;
        seg.base = r.data.version;
        seg.problems = r.data.problems || [];
        seg.conflict = false;
        if (seg.editor.value === text) seg.draft = null;
        seg.status = seg.msg.state === 'reviewed' ? 'Saved as reviewed.' : 'Saved.';
        seg.statusKind = 'good';
        fill(seg);
        counts();
        reloadPreview();
        if (andNext && current === seg && !move(1)) {
          status(seg, seg.status + (filter === 'all' ? ' That was the last segment.' : ' That was the last segment this filter shows.'), 'good');
        }
        return;
      case 422:
        seg.problems = r.data.problems || [];
        status(seg, 'Not saved: fix the errors below.', 'bad');
        paint(seg);
        counts();
        return;
      case 409:
        seg.conflict = true;
        status(seg, 'Not saved: changed on disk, reload.', 'bad');
        // read what is on disk now, so the note can show it beside the draft
        refresh();
        return;
      case 403:
        banner('The server refused this page\'s token (was quipu serve restarted?): reload the page.', 'Reload the page', () => location.reload());
        status(seg, 'Not saved.', 'bad');
        return;
      default:
        status(seg, 'Not saved: ' + (r.data.error || 'the server answered ' + r.status) + '.', 'bad');
    }
  }

  // keepDraft takes the version on disk as the one the draft replaces:
  // the next save overwrites it, as the translator chose after seeing both.
  function keepDraft(seg) {
    seg.base = seg.msg.version;
    seg.conflict = false;
    status(seg, 'Your draft replaces the version on disk when you save.', '');
    details(seg);
    seg.editor.focus();
  }

  async function reloadMessage(seg) {
    seg.draft = null;
    seg.conflict = false;
    seg.status = '';
    await refresh();
    select(byId.get(seg.msg.id) || seg, true);
  }

  // refresh reads the messages again, keeping every draft: a message that
  // changed on disk under a draft is flagged, never overwritten.
  async function refresh() {
    let r;
    try {
      r = await call('GET', api);
    } catch (e) {
      banner('The server did not answer: is quipu serve still running?');
      down = true;
      return;
    }
    if (r.status !== 200) {
      $('#empty').hidden = false;
      $('#empty').textContent = r.data.error || 'The server answered ' + r.status + '.';
      banner(r.data.error || 'Could not read the messages (' + r.status + ').');
      return;
    }
    if (down) $('#banner').hidden = true;
    down = false;
    const msgs = r.data.messages || [];
    const fresh = !segs.length || msgs.length !== segs.length || msgs.some((m, i) => m.id !== segs[i].msg.id);
    if (fresh) {
      const ta = current && document.activeElement === current.editor ? current.editor : null;
      const caret = ta && [ta.selectionStart, ta.selectionEnd];
      const keep = new Map(segs.map((s) => [s.msg.id, s]));
      const box = $('#segments');
      for (const s of segs) s.card.remove();
      segs.length = 0;
      byId.clear();
      msgs.forEach((m, i) => {
        const old = keep.get(m.id);
        const s = build(m, i);
        if (old && old.draft !== null) {
          s.draft = old.draft;
          s.base = old.base;
          s.editor.value = old.draft;
          s.conflict = old.base !== m.version;
          backdrop(s);
        }
        segs.push(s);
        byId.set(m.id, s);
        box.append(s.card);
      });
      // A sync that changed a segment's English gave it a new ID: a draft
      // typed under the old one goes to the new segment in its place,
      // flagged as changed on disk, rather than vanishing.
      const moved = new Map();
      for (const old of keep.values()) {
        if (old.draft === null || byId.has(old.msg.id)) continue;
        const s = segs[old.i];
        if (!s || keep.has(s.msg.id) || s.draft !== null) continue;
        s.draft = old.draft;
        s.base = old.base;
        s.editor.value = old.draft;
        s.conflict = true;
        s.status = 'The English changed under your draft: check it before you save.';
        s.statusKind = 'bad';
        backdrop(s);
        moved.set(old.msg.id, s);
      }
      const want = current && (byId.get(current.msg.id) || moved.get(current.msg.id));
      const linked = byId.get(decodeURIComponent(location.hash.slice(1)));
      current = null;
      select(want || linked || segs[0], false);
      // a rebuild under the translator's cursor keeps it where it was
      if (want && caret) {
        want.editor.focus({ preventScroll: true });
        want.editor.setSelectionRange(caret[0], caret[1]);
      }
      // a link to one segment (#id) opens on it
      if (!want && linked) requestAnimationFrame(() => linked.card.scrollIntoView({ block: 'center' }));
    } else {
      msgs.forEach((m, i) => {
        const s = segs[i];
        s.msg = m;
        if (s.draft === null) s.problems = m.problems || [];
        else if (s.base !== m.version) s.conflict = true;
        fill(s);
      });
    }
    for (const s of segs) fit(s.editor);
    counts();
    applyFilter();
    // the preview may have loaded before these messages arrived
    highlight();
  }

  function banner(text, action, fn) {
    $('#banner-text').textContent = text;
    const b = $('#banner-action');
    b.hidden = !action;
    if (action) {
      b.textContent = action;
      b.onclick = fn;
    }
    $('#banner').hidden = false;
  }

  // --- the preview ---------------------------------------------------------

  const frame = $('#preview');

  function reloadPreview() {
    frame.src = pageURL + '?t=' + Date.now();
  }

  // highlight marks the current segment in the preview.
  function highlight() {
    let d;
    try { d = frame.contentDocument; } catch (e) { return; }
    if (!d || !d.body) return;
    const found = P.mark(d, current && current.msg);
    $('#preview-note').textContent = !current || found ? '' : 'segment ' + (current.i + 1) + ' is not visible on the page';
  }

  // The preview is for looking: a click there opens the segment it shows
  // (a link does not take the preview away; "open page" is for browsing),
  // and the workbench's keys keep working while it has the focus.
  frame.addEventListener('load', () => {
    highlight();
    let d;
    try { d = frame.contentDocument; } catch (e) { return; }
    if (!d) return;
    d.addEventListener('keydown', onKey);
    d.addEventListener('click', (e) => {
      if (e.target.closest && e.target.closest('a[href]')) e.preventDefault();
      const i = P.at(e.target, segs.map((s) => s.msg));
      if (i >= 0) select(segs[i], true);
    });
  });

  // --- keys ------------------------------------------------------------------

  document.addEventListener('keydown', onKey);

  function onKey(e) {
    const mod = e.ctrlKey || e.metaKey;
    const inField = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement;
    let done = true;
    if (e.altKey && !mod && e.key === 'ArrowDown') move(1, e.repeat);
    else if (e.altKey && !mod && e.key === 'ArrowUp') move(-1, e.repeat);
    else if (mod && !e.altKey && e.code === 'KeyS') { if (current) save(current, false, false); }
    else if (mod && e.shiftKey && e.key === 'Enter') { if (current) save(current, true, true); }
    else if (mod && e.key === 'Enter') { if (current) save(current, false, true); }
    else if (e.altKey && !mod && e.code === 'KeyC') { if (current) copySource(current); }
    else if (e.altKey && !mod && e.code === 'KeyT') { if (current) insertTag(current); }
    else if (e.altKey && !mod && /^Digit[1-9]$/.test(e.code)) {
      const sg = current && (current.msg.suggestions || [])[Number(e.code.slice(5)) - 1];
      if (sg) replace(current, sg.text);
    } else if (!inField && e.key === '?') $('#help').showModal();
    else if (!inField && (e.key === 'j' || e.key === 'k')) move(e.key === 'j' ? 1 : -1, e.repeat);
    else done = false;
    if (done) e.preventDefault();
  }

  for (const b of document.querySelectorAll('#filters button')) {
    b.addEventListener('click', () => {
      filter = b.dataset.filter;
      applyFilter();
      if (current && !visible(current)) move(1);
      else if (current) current.card.scrollIntoView({ block: 'center' });
    });
  }
  $('#help-open').addEventListener('click', () => $('#help').showModal());
  $('#banner-close').addEventListener('click', () => { $('#banner').hidden = true; });
  $('#nav').addEventListener('submit', (e) => {
    e.preventDefault();
    const d = $('#nav-doc').value.trim().replace(/^\/+|\.(md|html|txt)$/g, '');
    if (d) location.assign('/edit/' + encodeURIComponent($('#nav-locale').value) + '/' + d.split('/').map(encodeURIComponent).join('/'));
  });
  $('#nav-locale').addEventListener('change', () => $('#nav').requestSubmit());
  $('#preview-open').href = pageURL;
  window.addEventListener('resize', () => segs.forEach((s) => fit(s.editor)));
  window.addEventListener('beforeunload', (e) => {
    if (segs.some((s) => s.draft !== null)) e.preventDefault();
  });

  // The server says when any file changed: messages and preview follow.
  let pending = 0;
  listen(() => {
    clearTimeout(pending);
    pending = setTimeout(() => { refresh(); reloadPreview(); }, 120);
  });

  // listen calls f on each change, through the worker all tabs share (a
  // stream per tab would take one of the browser's six connections to the
  // server each), or a stream of its own where there are no shared workers.
  function listen(f) {
    if (window.SharedWorker) {
      try {
        const w = new SharedWorker('/events.js');
        w.port.onmessage = f;
        window.addEventListener('pagehide', () => w.port.postMessage('bye'));
        window.addEventListener('pageshow', (e) => { if (e.persisted) w.port.postMessage('hi'); });
        return;
      } catch (e) { /* a stream of its own, below */ }
    }
    if (window.EventSource) new EventSource('/events').addEventListener('change', f);
  }

  reloadPreview();
  refresh();
})();
