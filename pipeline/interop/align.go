package interop

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/align"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/qa"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// AlignOptions tune Align.
type AlignOptions struct {
	// Locale receives the translations; empty means the first target
	// locale.
	Locale string
	// Renames pair documents whose translation has another name:
	// source path to translated path, each relative to its folder.
	Renames map[string]string
	// Force replaces translations the message files already have.
	Force bool
	// Warn receives a line for each rename that pairs nothing (its old
	// name no document under SRC, its new one no file under TRANSLATED).
	Warn io.Writer
}

// AlignReport says what Align did with one document.
type AlignReport struct {
	Doc         string `json:"doc"`
	Translation string `json:"translation"`
	Segments    int    `json:"segments"`
	// Aligned were written (Doubtful of them with a low confidence);
	// Left found no translation, or one whose tags could not be mapped;
	// Kept had a translation already, left as it was (see Force).
	Aligned  int `json:"aligned"`
	Doubtful int `json:"doubtful"`
	Left     int `json:"left"`
	Kept     int `json:"kept"`
	// LeftWhy counts the left ones by reason: "tags" (markup that maps
	// onto no tag of the source), "same" (left in English by the
	// translated edition), "unmatched", "control" (a control character
	// in the translation, which the build would reject).
	LeftWhy map[string]int `json:"left_why,omitempty"`
}

// Align fills a locale's message files from existing translated documents:
// src is a document of the project or a folder of them, translated the
// translated document or a folder where translations have the same
// relative paths. Every document is aligned, and all is checked, before
// anything is written; the message files are then replaced together,
// under the lock and through the journal sync writes them with. A
// document without a translation is reported with an empty Translation.
func Align(t *tree.Tree, src, translated string, opt AlignOptions) ([]AlignReport, error) {
	p := newRun(t)
	locale, err := p.targetLocale(opt.Locale)
	if err != nil {
		return nil, err
	}
	release, err := p.lockMessages()
	if err != nil {
		return nil, err
	}
	defer release()
	docs, err := p.alignSources(src)
	if err != nil {
		return nil, err
	}
	tInfo, err := os.Stat(translated)
	if err != nil {
		return nil, err
	}
	srcInfo, _ := os.Stat(src)
	var names []string
	pairs := map[string]string{}
	if !tInfo.IsDir() {
		if srcInfo == nil || srcInfo.IsDir() || len(docs) != 1 {
			return nil, fmt.Errorf("%s is a file: the source must be one document too", translated)
		}
		for rel := range docs {
			pairs[rel] = ""
		}
	} else {
		if names, err = p.translatedDocuments(translated); err != nil {
			return nil, err
		}
		var rels []string
		for rel := range docs {
			rels = append(rels, rel)
		}
		pairs = align.MatchDocuments(rels, names, opt.Renames)
	}
	if opt.Warn != nil {
		warnRenames(opt.Warn, src, translated, docs, names, tInfo.IsDir(), opt.Renames)
	}

	reader, err := newTranslatedReader(translated, tInfo.IsDir())
	if err != nil {
		return nil, err
	}
	var reports []AlignReport
	var errs pipeline.ErrorList
	writes := map[string][]byte{}
	var changed []string
	rels := make([]string, 0, len(docs))
	for rel := range docs {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		s := docs[rel]
		t, ok := pairs[rel]
		if !ok {
			reports = append(reports, AlignReport{Doc: p.ContentPath(s)})
			continue
		}
		tName := translated
		if tInfo.IsDir() {
			tName = filepath.Join(translated, filepath.FromSlash(t))
		}
		rep, data, err := p.alignOne(s, tName, func() ([]byte, error) { return reader.read(tName, t) }, locale, opt.Force)
		if err != nil {
			errs.Add(err)
			continue
		}
		reports = append(reports, rep)
		if data != nil {
			name := p.MessagePath(locale, s)
			writes[name] = data
			changed = append(changed, name)
		}
	}
	if err := errs.Err(); err != nil {
		return reports, err
	}
	_, err = p.writeStaged(changed, writes, false)
	return reports, err
}

// alignOne aligns one document with its translation and returns the
// message file to write (nil when nothing changes).
func (p *run) alignOne(s tree.Source, tName string, read func() ([]byte, error), locale string, force bool) (AlignReport, []byte, error) {
	rep := AlignReport{Doc: p.ContentPath(s), Translation: filepath.ToSlash(tName)}
	doc, err := p.Load(s)
	if err != nil {
		return rep, nil, err
	}
	data, err := read()
	if err != nil {
		return rep, nil, err
	}
	if off := pipeline.InvalidUTF8(data); off >= 0 {
		return rep, nil, pipeline.ErrorAt(tName, data, off, "invalid UTF-8 at byte offset %d", off)
	}
	tdoc, err := p.Extract(tName, data)
	if err != nil {
		return rep, nil, err
	}
	f, err := p.alignBase(doc, s, locale)
	if err != nil {
		return rep, nil, err
	}
	opts, err := p.syncOptions(locale)
	if err != nil {
		return rep, nil, err
	}
	res := align.Documents(doc, tdoc)
	rep.Segments = len(res.Pairs) + len(res.Left)
	rep.Left = len(res.Left)
	for _, l := range res.Left {
		if rep.LeftWhy == nil {
			rep.LeftWhy = map[string]int{}
		}
		rep.LeftWhy[l.Why]++
		if m := f.Lookup(l.ID); m != nil && force {
			clearAligned(m)
		}
	}
	for _, pr := range res.Pairs {
		m := f.Lookup(pr.ID)
		if m == nil {
			continue
		}
		if m.Translated() && force {
			clearAligned(m) // a draft this alignment does not take over
		}
		// Character references decoded first: &#x7; is the character
		// on the page.
		if qa.Controls(pr.Text) != nil || qa.Controls(html.UnescapeString(pr.Text)) != nil {
			// Invisible on a page, it could only hide or garble text:
			// the build would reject it, so it is not taken.
			rep.Left++
			if rep.LeftWhy == nil {
				rep.LeftWhy = map[string]int{}
			}
			rep.LeftWhy["control"]++
			continue
		}
		// A person's translation is kept unless forced, and so is an
		// aligned draft (a person may have edited it); a draft of another
		// kind (a machine's) gives way: what a person once translated
		// helps more.
		if m.Translated() && !force && (!catalog.Draft(m.State) || m.State == catalog.Aligned) {
			rep.Kept++
			continue
		}
		m.Other, m.State, m.Previous = pr.Text, catalog.Aligned, ""
		m.Provenance = fmt.Sprintf("%.2f by %s from %s:%d:%d", pr.Confidence, pr.By, rep.Translation, pr.Line, pr.Col)
		rep.Aligned++
		if pr.Doubtful() {
			rep.Doubtful++
		}
	}
	// Sync again for what depends on the new text (go-i18n delimiters).
	out, _, _ := catalog.Sync(doc, f, f.Path, locale, opts)
	formatted := catalog.Format(out)
	if old, err := p.WS.ReadFile(f.Path); err == nil && bytes.Equal(old, formatted) {
		return rep, nil, nil
	}
	return rep, formatted, nil
}

// warnRenames says which renames pair nothing, rather than ignore them:
// a typo would otherwise leave a document unaligned without a word.
func warnRenames(w io.Writer, src, translated string, docs map[string]tree.Source, names []string, isDir bool, renames map[string]string) {
	have := map[string]bool{}
	for _, n := range names {
		have[n] = true
	}
	olds := make([]string, 0, len(renames))
	for old := range renames {
		olds = append(olds, old)
	}
	sort.Strings(olds)
	for _, old := range olds {
		new := renames[old]
		_, isDoc := docs[old]
		if !isDoc && isDir && under(docs, old) {
			// A folder renamed: it pairs something when NEW holds a
			// translation.
			if !underNames(names, new) {
				fmt.Fprintf(w, "--map %s=%s: no translation under %s (NEW is a path relative to TRANSLATED)\n", old, new, filepath.Join(translated, filepath.FromSlash(new)))
			}
			continue
		}
		switch {
		case !isDir:
			fmt.Fprintf(w, "--map %s=%s: ignored: %s is one file, paired with %s\n", old, new, translated, src)
		case !isDoc:
			fmt.Fprintf(w, "--map %s=%s: %s is no document under %s (OLD is a path relative to SRC)\n", old, new, old, src)
		case !have[new]:
			fmt.Fprintf(w, "--map %s=%s: %s not found (NEW is a path relative to TRANSLATED)\n", old, new, filepath.Join(translated, filepath.FromSlash(new)))
		}
	}
}

// under reports whether a document lies in folder dir.
func under(docs map[string]tree.Source, dir string) bool {
	for rel := range docs {
		if _, ok := align.FolderRenamed(rel, map[string]string{dir: ""}); ok {
			return true
		}
	}
	return false
}

// underNames reports whether a translation lies in folder dir.
func underNames(names []string, dir string) bool {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}

// clearAligned takes an earlier aligned draft off a message the new
// alignment (with --force) no longer supports: it goes back to
// untranslated, rather than keep a draft whose note points at text the
// translation no longer has. A person's translation and a machine draft
// stay.
func clearAligned(m *catalog.Message) {
	if m.State == catalog.Aligned {
		m.Other, m.State, m.Provenance, m.Previous = "", "", "", ""
	}
}

// alignBase is a document's message file as sync would write it, for
// align to fill. A translator's edits since the last sync are welcome; a
// document whose segments changed so that translations would move to the
// obsolete file is not, since only sync writes that file.
func (p *run) alignBase(doc *pipeline.Document, s tree.Source, locale string) (*catalog.File, error) {
	tPath := p.MessagePath(locale, s)
	if err := p.inside(tPath); err != nil {
		return nil, err
	}
	data, err := p.WS.ReadFile(tPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no message file for %s: run `quipu sync` first", tPath, p.ContentPath(s))
	}
	if err != nil {
		return nil, err
	}
	parsed, err := catalog.Parse(tPath, data)
	if err != nil {
		return nil, err
	}
	oPath := p.ObsoletePath(locale, s)
	if err := p.inside(oPath); err != nil {
		return nil, err
	}
	obs, err := p.ReadMessages(oPath)
	if err != nil {
		return nil, err
	}
	opts, err := p.syncOptions(locale)
	if err != nil {
		return nil, err
	}
	current, gone, _ := catalog.Sync(doc, syncer.WithObsolete(parsed, obs), tPath, locale, opts)
	kept := 0
	if obs != nil {
		for _, m := range obs.Messages {
			if m.Translated() {
				kept++
			}
		}
	}
	if len(gone) != kept {
		return nil, fmt.Errorf("%s: not in step with %s: run `quipu sync` first", tPath, p.ContentPath(s))
	}
	return current, nil
}

// alignSources lists the project's documents at or under name (a path as
// the user gave it), keyed by their path relative to it.
func (p *run) alignSources(name string) (map[string]tree.Source, error) {
	absName, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	absContent, err := filepath.Abs(p.Abs(p.Config.Content))
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(absContent, absName)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%s: not inside the content folder (%s)", name, p.Config.Content)
	}
	rel = filepath.ToSlash(rel)
	sources, err := p.Sources()
	if err != nil {
		return nil, err
	}
	out := map[string]tree.Source{}
	for _, s := range sources {
		switch {
		case s.Rel == rel:
			out[pathBase(rel)] = s
		case rel == ".":
			out[s.Rel] = s
		case strings.HasPrefix(s.Rel, rel+"/"):
			out[s.Rel[len(rel)+1:]] = s
		}
	}
	if len(out) == 0 {
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: no document of the project there", name)
	}
	return out, nil
}

func pathBase(rel string) string { return rel[strings.LastIndexByte(rel, '/')+1:] }

// translatedDocuments lists the files under dir a format reads, as
// slash-separated paths relative to it.
func (p *run) translatedDocuments(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || p.Formats.For(name) == nil {
			return nil
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	return out, err
}
