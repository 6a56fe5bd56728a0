// DOM helpers and the preview's mark: how the workbench draws message
// text (always as text nodes), keeps an editor's tags whole, and finds a
// segment in the localized page.
'use strict';
const quipuPage = (() => {
  const T = quipuTags;
  // machine drafts are published only when the build is told to: the page
  // more likely shows the English
  const published = new Set(['translated', 'reviewed']);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // tagged fills box with a message's text, its tags as chips.
  // tagged draws s with its tags as chips; labels[n-1], when given, says
  // what tag n stands for (code, a link's address), shown on hover.
  function tagged(box, s, append, labels) {
    if (!append) box.replaceChildren();
    for (const t of T.tokenize(s || '')) {
      if (t.text !== undefined) box.append(t.text);
      else {
        const c = el('span', 'chip ' + t.kind, t.tag);
        const n = Number((/\d+/.exec(t.tag) || [])[0]);
        if (labels && labels[n - 1]) c.title = labels[n - 1];
        box.append(c);
      }
    }
    return box;
  }

  // sourceDiff shows the English as sync's word diff against the English
  // the translation was made from: [-removed-] {+added+}.
  function sourceDiff(box, diff) {
    box.replaceChildren();
    box.classList.add('diff');
    for (const part of T.diff(diff)) {
      if (part.del !== undefined) box.append(tagged(el('del'), part.del));
      else if (part.ins !== undefined) box.append(tagged(el('ins'), part.ins));
      else tagged(box, part.text, true);
    }
  }

  function fit(ta) {
    ta.style.height = 'auto';
    ta.style.height = ta.scrollHeight + 'px';
  }

  function button(label, cls, fn, keys) {
    const b = el('button', cls, label);
    b.type = 'button';
    if (keys) b.title = keys;
    b.addEventListener('click', fn);
    return b;
  }

  // wholeTag makes Backspace and Delete next to a tag remove all of it, as
  // with a chip: a tag goes whole or stays whole, never half typed.
  function wholeTag(ta, e) {
    if ((e.key !== 'Backspace' && e.key !== 'Delete') || e.altKey || e.ctrlKey || e.metaKey) return;
    const at = ta.selectionStart;
    if (at !== ta.selectionEnd) return;
    const m = e.key === 'Backspace'
      ? ta.value.slice(0, at).match(/<\/?[0-9]+\/?>$/)
      : ta.value.slice(at).match(/^<\/?[0-9]+\/?>/);
    if (!m) return;
    e.preventDefault();
    if (e.key === 'Backspace') ta.setSelectionRange(at - m[0].length, at);
    else ta.setSelectionRange(at, at + m[0].length);
    document.execCommand('delete');
  }

  // terms underlines, in the English shown in box, each glossary term it
  // holds (any case), its translation as the title: the text nodes are
  // split, never rewritten as markup.
  function terms(box, glossary) {
    const list = (glossary || []).filter((g) => g.term).sort((a, b) => b.term.length - a.term.length);
    if (!list.length) return;
    const walker = box.ownerDocument.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest('.chip, del')) nodes.push(n);
    }
    for (let node of nodes) {
      for (;;) {
        const low = node.data.toLowerCase();
        let hit = null;
        for (const g of list) {
          const i = low.indexOf(g.term.toLowerCase());
          if (i >= 0 && (!hit || i < hit.i)) hit = { i, g };
        }
        if (!hit) break;
        const rest = node.splitText(hit.i);
        node = rest.splitText(hit.g.term.length);
        const span = el('span', 'term-hit');
        span.title = hit.g.term + ' → ' + hit.g.translation;
        rest.replaceWith(span);
        span.append(rest);
      }
    }
  }

  const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,td,th,dt,dd,blockquote,figcaption,caption,summary,pre,button,label';

  // at finds the message shown where the page was clicked: of the messages
  // whose every piece of text (translation or English) the clicked block
  // holds, the one with the most text, so a list item beats its list.
  function at(target, msgs) {
    const b = target && target.closest ? target.closest(BLOCKS) : null;
    if (!b) return -1;
    const t = b.textContent.replace(/\s+/g, ' ');
    let best = -1;
    let most = 0;
    msgs.forEach((m, i) => {
      for (const x of [m.text, m.source]) {
        const ps = T.pieces(x || '');
        const n = ps.reduce((a, p) => a + p.length, 0);
        if (n > most && ps.every((p) => t.includes(p))) {
          best = i;
          most = n;
        }
      }
    });
    return best;
  }

  // mark outlines msg's segment in the page d: the smallest block holding
  // every piece of its text (failing that, its longest piece), the text the
  // page shows first (the translation once published, else the English).
  // It goes through the element's own style, which the page's policy
  // cannot refuse as it could a <style> element.
  function mark(d, msg) {
    for (const e of d.querySelectorAll('.quipu-current')) {
      e.classList.remove('quipu-current');
      for (const k of ['outline', 'outline-offset', 'background-color', 'border-radius']) e.style.removeProperty(k);
    }
    if (!msg) return false;
    const tries = published.has(msg.state) ? [msg.text, msg.source] : [msg.source, msg.text];
    const blocks = d.body.querySelectorAll(BLOCKS);
    for (const s of tries) {
      const ps = T.pieces(s || '');
      if (!ps.length) continue;
      const longest = ps.reduce((a, b) => (b.length > a.length ? b : a));
      let best = null;
      let loose = null;
      for (const e of blocks) {
        const t = e.textContent.replace(/\s+/g, ' ');
        if (!t.includes(longest)) continue;
        // a heading's entry in the table of contents is not the heading:
        // text in navigation counts as much longer
        const len = t.length + (e.closest('nav, header, footer') ? 1e6 : 0);
        if (!loose || len < loose.len) loose = { e, len };
        if (ps.every((p) => t.includes(p)) && (!best || len < best.len)) best = { e, len };
      }
      best = best || loose;
      if (best) {
        best.e.classList.add('quipu-current');
        best.e.style.setProperty('outline', '3px solid #e8a317', 'important');
        best.e.style.setProperty('outline-offset', '3px', 'important');
        best.e.style.setProperty('background-color', 'rgba(255, 214, 102, .3)', 'important');
        best.e.style.setProperty('border-radius', '2px');
        // scroll the preview alone: scrollIntoView would move the workbench too
        const win = d.defaultView;
        const top = best.e.getBoundingClientRect().top + win.scrollY - win.innerHeight / 3;
        win.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
        return true;
      }
    }
    return false;
  }

  return { el, tagged, sourceDiff, fit, button, wholeTag, mark, at, terms };
})();
window.quipuPage = quipuPage;
