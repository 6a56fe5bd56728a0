// Tags, diffs and offsets: the pure part of the workbench, kept apart from
// the page so the end-to-end test can call it through window.quipuTags.
'use strict';
const quipuTags = (() => {
  // quipu's tags: <1>…</1> for paired markup, <2/> for a standalone code.
  const tagRE = /<(\/?)([0-9]+)(\/?)>/g;

  // tokenize splits a message into text and tag tokens.
  function tokenize(s) {
    const out = [];
    let last = 0;
    for (const m of s.matchAll(tagRE)) {
      if (m[1] && m[3]) continue; // "</1/>" is no tag: leave it as text
      if (m.index > last) out.push({ text: s.slice(last, m.index) });
      const kind = m[1] ? 'close' : m[3] ? 'self' : 'open';
      out.push({ tag: m[0], n: m[2], kind });
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push({ text: s.slice(last) });
    return out;
  }

  function tagsOf(s) {
    return tokenize(s).filter((t) => t.tag).map((t) => t.tag);
  }

  // problems is what the page can tell at once, before the server's check
  // answers: tags invented, doubled, unbalanced, half typed, or missing.
  function problems(source, draft) {
    const out = [];
    if (draft === '') return out;
    const want = new Map();
    for (const t of tagsOf(source)) want.set(t, (want.get(t) || 0) + 1);
    const have = new Map();
    const open = [];
    let offset = 0;
    for (const t of tokenize(draft)) {
      if (t.text !== undefined) {
        const half = t.text.match(/<\/?[0-9]+\/?/);
        if (half) out.push({ severity: 'warning', message: '"' + half[0] + '" looks like a half-typed tag', offset: offset + half.index, local: true });
        offset += t.text.length;
        continue;
      }
      have.set(t.tag, (have.get(t.tag) || 0) + 1);
      if (!want.has(t.tag)) {
        out.push({ severity: 'error', message: 'tag ' + t.tag + ' is not in the English', offset, local: true });
      } else if (have.get(t.tag) > want.get(t.tag)) {
        out.push({ severity: 'error', message: 'tag ' + t.tag + ' is there twice', offset, local: true });
      } else if (t.kind === 'open') {
        open.push(t.n);
      } else if (t.kind === 'close') {
        if (open[open.length - 1] === t.n) open.pop();
        else out.push({ severity: 'error', message: 'tag ' + t.tag + ' closes what is not open', offset, local: true });
      }
      offset += t.tag.length;
    }
    for (const n of open) {
      if (want.has('</' + n + '>')) out.push({ severity: 'error', message: 'tag <' + n + '> is not closed', local: true });
    }
    for (const [t, k] of want) {
      // a missing closing tag is told as its opening one, or as "not closed"
      if (!t.startsWith('</') && (have.get(t) || 0) < k) {
        out.push({ severity: 'warning', message: 'tag ' + t + ' of the English is missing', local: true });
      }
    }
    return out;
  }

  // next is the first tag of the English the draft still lacks.
  function next(source, draft) {
    const have = new Map();
    for (const t of tagsOf(draft)) have.set(t, (have.get(t) || 0) + 1);
    for (const t of tagsOf(source)) {
      const k = have.get(t) || 0;
      if (k === 0) return t;
      have.set(t, k - 1);
    }
    return '';
  }

  // diff splits sync's word diff ("It is [-so-] {+not+} safe.") into parts.
  function diff(s) {
    const out = [];
    const re = /\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}/g;
    let last = 0;
    for (const m of s.matchAll(re)) {
      if (m.index > last) out.push({ text: s.slice(last, m.index) });
      if (m[1] !== undefined) out.push({ del: m[1] });
      else out.push({ ins: m[2] });
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push({ text: s.slice(last) });
    return out;
  }

  // charIndex turns a UTF-8 byte offset, as Go reports it, into an index
  // into the JavaScript string.
  function charIndex(s, bytes) {
    const enc = new TextEncoder();
    let b = 0;
    let i = 0;
    for (const ch of s) {
      if (b >= bytes) break;
      b += enc.encode(ch).length;
      i += ch.length;
    }
    return i;
  }

  // pieces are a message's runs of text between tags, white space folded
  // and backslash escapes undone: what the page shows verbatim, in order.
  function pieces(s) {
    const out = [];
    for (const part of s.split(/<\/?[0-9]+\/?>/)) {
      const p = part.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\s+/g, ' ').trim();
      if (p) out.push(p);
    }
    return out;
  }

  return { tokenize, tagsOf, problems, next, diff, charIndex, pieces };
})();
window.quipuTags = quipuTags;
