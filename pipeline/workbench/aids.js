// The current segment's panel: what changed in the English, the actions,
// the findings, the glossary's terms and the memory's suggestions. Every
// piece of message data goes in as text.
'use strict';
const quipuAids = (() => {
  const T = quipuTags;
  const { el, tagged, button } = quipuPage;

  function details(seg, act) {
    const d = seg.details;
    const m = seg.msg;
    d.replaceChildren();
    if (seg.conflict) {
      const c = el('div', 'note conflict');
      c.append(el('strong', null, 'Changed on disk, reload.'), ' This message was saved elsewhere (another tab, or an edit of the file) since you opened it. ');
      const b = el('button', 'primary', 'Reload this message');
      b.type = 'button';
      b.addEventListener('click', () => act.reloadMessage(seg));
      c.append(b);
      // Both versions side by side: the translator merges, or picks one.
      c.append(el('p', 'muted', 'On disk now (' + (m.state || 'untranslated') + '):'));
      const disk = tagged(el('div', 'draft-copy disk-copy'), m.text || '');
      if (!m.text) disk.append(el('em', 'muted', 'no translation'));
      c.append(disk);
      if (seg.draft !== null) {
        c.append(el('p', 'muted', 'Your draft, in the editor:'));
        c.append(tagged(el('div', 'draft-copy'), seg.draft));
        const k = el('button', null, 'Keep my draft');
        k.type = 'button';
        k.title = 'Save will replace the version on disk with your draft';
        k.addEventListener('click', () => act.keepDraft(seg));
        c.append(k);
      }
      d.append(c);
    }
    if (m.state === 'fuzzy') {
      const f = el('div', 'note fuzzy');
      f.append(el('strong', null, 'The English changed.'));
      if (m.diff) {
        f.append(' Above, ', el('del', null, 'removed'), ' and ', el('ins', null, 'added'), ' words. Fix the translation, then save; until then the page shows the English.');
      } else if (m.previous) {
        f.append(' Before, it read:');
        const p = tagged(el('p', 'previous'), m.previous);
        p.lang = 'en';
        f.append(p, 'Fix the translation, then save; until then the page shows the English.');
      }
      d.append(f);
    }
    const actions = el('div', 'actions');
    actions.append(
      button('Save', 'primary', () => act.save(seg, false, false), 'Ctrl+S'),
      button('Mark reviewed', '', () => act.save(seg, true, false), 'Ctrl+Shift+Enter'),
      button('Copy source', 'ghost', () => act.copySource(seg), 'Alt+C'),
      button('Insert tag', 'ghost', () => act.insertTag(seg), 'Alt+T'),
    );
    seg.statusEl = el('span', 'status' + (seg.statusKind ? ' ' + seg.statusKind : ''), seg.status);
    seg.statusEl.setAttribute('role', 'status');
    actions.append(seg.statusEl);
    d.append(actions);
    seg.findingsEl = el('ul', 'problems');
    seg.findingsEl.setAttribute('aria-label', 'Findings');
    d.append(seg.findingsEl);
    findings(seg);
    const side = el('div', 'aids');
    if ((m.glossary || []).length) {
      const g = el('section', 'glossary');
      g.append(el('h3', null, 'Glossary'));
      const ul = el('ul');
      for (const term of m.glossary) {
        const li = el('li');
        const b = el('button', 'term');
        b.type = 'button';
        b.title = 'Insert at the cursor';
        b.append(el('span', 'en', term.term), ' → ', el('span', 'tr', term.translation));
        b.addEventListener('click', () => act.insert(seg, term.translation));
        li.append(b);
        if (term.note) li.append(el('span', 'muted note-text', term.note));
        ul.append(li);
      }
      g.append(ul);
      side.append(g);
    }
    if ((m.suggestions || []).length) {
      const s = el('section', 'suggestions');
      s.append(el('h3', null, 'Translation memory'));
      const ol = el('ol');
      m.suggestions.forEach((sg, k) => {
        const b = el('button', 'suggestion');
        b.type = 'button';
        b.title = 'Use this translation' + (k < 9 ? ' (Alt+' + (k + 1) + ')' : '');
        const score = Math.round((sg.score > 1 ? sg.score : sg.score * 100) || 0);
        const sc = el('span', 'score ' + (score >= 90 ? 'hi' : score >= 70 ? 'mid' : 'lo'), score + '%');
        b.append(sc, tagged(el('span', 'stext'), sg.text));
        const from = [sg.source, sg.english ? 'en: ' + sg.english : ''].filter(Boolean).join(' · ');
        if (from) b.append(el('span', 'from muted', from));
        b.addEventListener('click', () => act.replace(seg, sg.text));
        const li = el('li');
        li.append(b);
        ol.append(li);
      });
      s.append(ol);
      side.append(s);
    }
    if (side.childNodes.length) d.append(side);
  }

  function findings(seg) {
    const ul = seg.findingsEl;
    ul.replaceChildren();
    ul.hidden = !seg.problems.length;
    for (const p of seg.problems) {
      const li = el('li', p.severity === 'error' ? 'error' : 'warning');
      li.append(el('span', 'sev', p.severity === 'error' ? 'error' : 'warning'), ' ', el('span', 'msg', p.message));
      if (typeof p.offset === 'number' && p.offset > 0) {
        li.classList.add('jump');
        li.title = 'Show where';
        li.addEventListener('click', () => {
          const at = p.local ? p.offset : T.charIndex(seg.editor.value, p.offset);
          seg.editor.focus();
          seg.editor.setSelectionRange(at, at);
        });
      }
      ul.append(li);
    }
  }

  return { details, findings };
})();
window.quipuAids = quipuAids;
