package interop

import (
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/mt"
	"github.com/quipu-l10n/quipu/pipeline/mt/postedit"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// MachineOptions tune MachineDrafts.
type MachineOptions struct {
	// Locale to draft; empty means the first target locale.
	Locale string
	// Docs limits the run to these documents (paths under the project,
	// as content/a.md); empty means every document.
	Docs []string
	// Engine translates; its Name is the drafts' provenance.
	Engine mt.Engine
	// Batch is how many segments go to the engine at once (0: 200).
	Batch int
	// DryRun drafts and checks everything, and writes nothing.
	DryRun bool
	// Log receives one line per message file changed and per draft
	// dropped.
	Log io.Writer
}

// MachineResult sums up a run of MachineDrafts.
type MachineResult struct {
	Documents int `json:"documents"`
	// Drafted messages got a machine draft; Dropped ones did not (see
	// Drops); Suggested ones were left alone because translation memory
	// offers a fuzzy match, which comes first.
	Drafted   int            `json:"drafted"`
	Dropped   int            `json:"dropped"`
	Suggested int            `json:"left_to_memory"`
	PostEdits map[string]int `json:"post_edits"` // drafts each rule changed
	Changed   []string       `json:"changed"`
	Drops     []MachineDrop  `json:"drops"`
}

// MachineDrop is a draft that was not stored, and why.
type MachineDrop struct {
	Pos    pipeline.Position `json:"-"`
	Where  string            `json:"where"`
	ID     string            `json:"id"`
	Reason string            `json:"reason"`
}

// MachineDrafts fills the untranslated messages of a locale with machine
// drafts, in state machine: never published unless asked, never counted
// as translated, never fed to translation memory until a person accepts
// them. The message files must be in step (quipu sync): an exact match in
// translation memory, which sync fills in, a translation already there
// (an aligned one too) and one the page shows from a fallback locale are
// never replaced, and a message for which memory
// has a fuzzy suggestion is left to it. Drafts whose tags come back
// damaged, or that alter a translate = false glossary term, are dropped.
// Files are written as sync writes them: under the lock, all or none.
func MachineDrafts(ctx context.Context, t *tree.Tree, opt MachineOptions) (*MachineResult, error) {
	p := newRun(t)
	locale, err := p.targetLocale(opt.Locale)
	if err != nil {
		return nil, err
	}
	if !opt.DryRun {
		release, err := p.lockMessages()
		if err != nil {
			return nil, err
		}
		defer release()
	}
	sources, err := p.machineSources(opt.Docs)
	if err != nil {
		return nil, err
	}
	gl, err := p.Glossary()
	if err != nil {
		return nil, err
	}
	res := &MachineResult{PostEdits: map[string]int{}, Changed: []string{}, Drops: []MachineDrop{}}
	type job struct {
		doc  *pipeline.Document
		file *catalog.File
		path string
	}
	var jobs []job
	var segs []*pipeline.Segment
	owner := map[*pipeline.Segment]*catalog.Message{}
	where := map[*catalog.Message]pipeline.Position{}
	var errs pipeline.ErrorList
	for _, s := range sources {
		doc, err := p.Load(s)
		if err != nil {
			errs.Add(err)
			continue
		}
		f, parsed, err := p.inStep(doc, s, locale)
		if err != nil {
			errs.Add(err)
			continue
		}
		res.Documents++
		jobs = append(jobs, job{doc, f, p.MessagePath(locale, s)})
		lines, msgs := parsed.Index(), f.Index()
		// A message the page already shows translated, from a locale
		// further along the chain (es for es-PE), is left alone, as
		// status counts it: resolve decides, as everywhere.
		files := map[string]*catalog.File{locale: f}
		if err := localized.ReadChain(p.Tree, s, []string{locale}, files); err != nil {
			errs.Add(err)
			continue
		}
		rd := localized.Resolve(p.Tree, doc, s, locale, files, resolve.Options{})
		seen := map[string]bool{}
		for _, seg := range doc.Segments {
			m := msgs[seg.ID]
			if seen[seg.ID] || m == nil || m.Other != "" || rd.Of(seg).Verdict == resolve.Translated {
				continue
			}
			seen[seg.ID] = true
			if suggested(m) {
				res.Suggested++
				continue
			}
			segs = append(segs, seg)
			owner[seg] = m
			pos := pipeline.Position{File: f.Path}
			if pm := lines[m.ID]; pm != nil {
				pos.Line, pos.Col = pm.Line, pm.Col
			}
			where[m] = pos
		}
	}
	if err := errs.Err(); err != nil {
		return res, err
	}
	tag, err := language.Parse(locale)
	if err != nil {
		return res, err
	}
	post := func(source, draft string) (string, []string, string) {
		return postedit.Apply(source, draft, postedit.Options{Locale: tag, Glossary: gl})
	}
	batch := opt.Batch
	if batch <= 0 {
		batch = 200
	}
	drafts, err := mt.Translate(ctx, opt.Engine, segs, batch, post)
	if err != nil {
		return res, err
	}
	for _, d := range drafts {
		m := owner[d.Segment]
		if d.Dropped != "" {
			pos := where[m]
			res.Dropped++
			res.Drops = append(res.Drops, MachineDrop{Pos: pos, Where: pos.String(), ID: m.ID, Reason: d.Dropped})
			continue
		}
		res.Drafted++
		for _, r := range d.Fixed {
			res.PostEdits[r]++
		}
		m.Other, m.State, m.Provenance = d.Text, catalog.Machine, opt.Engine.Name()
		if len(d.Fixed) > 0 {
			m.Provenance += "; post-edited: " + strings.Join(d.Fixed, ", ")
		}
	}
	opts, err := p.syncOptions(locale)
	if err != nil {
		return res, err
	}
	writes := map[string][]byte{}
	for _, j := range jobs {
		res.Changed = p.stage(j.doc, j.file, j.path, locale, opts, writes, res.Changed)
	}
	verb, err := p.writeStaged(res.Changed, writes, opt.DryRun)
	if err != nil {
		return res, err
	}
	if opt.Log != nil {
		for _, d := range res.Drops {
			fmt.Fprintf(opt.Log, "%s: draft dropped: %s\n", d.Where, d.Reason)
		}
		for _, name := range res.Changed {
			fmt.Fprintf(opt.Log, "%s %s\n", verb, name)
		}
	}
	return res, nil
}

// suggested reports whether sync shows a fuzzy translation memory match
// beside the message ("#. tm 86% …"): memory's suggestion comes before a
// machine's.
func suggested(m *catalog.Message) bool {
	for _, n := range m.Notes {
		if strings.HasPrefix(n, "tm ") {
			return true
		}
	}
	return false
}

// machineSources returns the documents named (all when none is), each
// name a path under the project such as content/a.md, or a folder of
// them such as content/news; a document named twice counts once.
func (p *run) machineSources(names []string) ([]tree.Source, error) {
	sources, err := p.Sources()
	if err != nil || len(names) == 0 {
		return sources, err
	}
	known := map[string]tree.Source{}
	for _, s := range sources {
		known[p.ContentPath(s)] = s
	}
	var out []tree.Source
	seen := map[string]bool{}
	add := func(s tree.Source) {
		if k := p.ContentPath(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	for _, n := range names {
		if under := p.sourcesUnder(n, sources); len(under) > 0 {
			for _, s := range under {
				add(s)
			}
			continue
		}
		s, err := p.sourceNamed(n, known)
		if err != nil {
			return nil, err
		}
		add(s)
	}
	return out, nil
}

// sourcesUnder lists the documents in folder dir of the project
// (content/news), none when dir is no such folder.
func (p *run) sourcesUnder(dir string, sources []tree.Source) []tree.Source {
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" || dir != path.Clean(dir) || strings.HasPrefix(dir, "../") || path.IsAbs(dir) {
		return nil
	}
	var out []tree.Source
	for _, s := range sources {
		if dir == "." || strings.HasPrefix(p.ContentPath(s), dir+"/") {
			out = append(out, s)
		}
	}
	return out
}
