package project

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
)

// SyncOptions tune Sync.
type SyncOptions struct {
	DryRun bool      // report what would change, write nothing
	Log    io.Writer // one line per changed file
}

// SyncResult sums up a sync.
type SyncResult struct {
	Documents int
	Changed   []string // files written (or that would be, with DryRun)
	Report    catalog.Report
}

// Sync splits every document and brings the message files of the source
// locale and of every target locale in step with it. All files are read
// and checked before any is written: one bad file stops the run and leaves
// every file as it was.
func (p *Project) Sync(opt SyncOptions) (*SyncResult, error) {
	if !opt.DryRun {
		l, err := p.lock()
		if err != nil {
			return nil, err
		}
		defer l.Release()
	}
	sources, err := p.Sources()
	if err != nil {
		return nil, err
	}
	res := &SyncResult{}
	writes := map[string][]byte{}
	var errs errorList
	for _, s := range sources {
		doc, err := p.Load(s)
		if err != nil {
			errs.add(err)
			continue
		}
		res.Documents++
		srcPath := p.MessagePath(p.Config.SourceLocale, s)
		writes[srcPath] = catalog.Format(catalog.SourceFile(doc, srcPath, p.Config.SourceLocale))
		for _, locale := range p.Config.Locales {
			tPath, oPath := p.MessagePath(locale, s), p.ObsoletePath(locale, s)
			old, err := p.readMessages(tPath)
			if err != nil {
				errs.add(err)
				continue
			}
			obs, err := p.readMessages(oPath)
			if err != nil {
				errs.add(err)
				continue
			}
			old = withObsolete(old, obs)
			f, gone, rep := catalog.Sync(doc, old, tPath, locale, catalog.Options{})
			res.Report.Added += rep.Added
			res.Report.Kept += rep.Kept
			res.Report.Stale += rep.Stale
			res.Report.Obsolete += rep.Obsolete
			res.Report.Reused += rep.Reused
			writes[tPath] = catalog.Format(f)
			if kept := keepObsolete(obs, gone, f); kept != nil {
				writes[oPath] = catalog.Format(kept)
			}
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(writes))
	for path, data := range writes {
		if old, err := os.ReadFile(p.abs(path)); err == nil && string(old) == string(data) {
			continue
		}
		paths = append(paths, path)
	}
	sort.Strings(paths)
	res.Changed = paths
	for _, path := range paths {
		if opt.Log != nil {
			verb := "write"
			if opt.DryRun {
				verb = "would write"
			}
			fmt.Fprintf(opt.Log, "%s %s\n", verb, path)
		}
		if opt.DryRun {
			continue
		}
		if err := fsutil.WriteDurable(p.abs(path), writes[path]); err != nil {
			return res, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return res, nil
}

// withObsolete adds the obsolete messages of a document to the candidates a
// sync matches segments against, so a paragraph that comes back gets its
// translation back.
func withObsolete(f, obs *catalog.File) *catalog.File {
	if obs == nil {
		return f
	}
	merged := &catalog.File{}
	if f != nil {
		merged.Path, merged.Locale = f.Path, f.Locale
		merged.Messages = append(merged.Messages, f.Messages...)
	}
	have := merged.Index()
	for _, m := range obs.Messages {
		if have[m.ID] == nil {
			merged.Messages = append(merged.Messages, m)
		}
	}
	return merged
}

// keepObsolete returns the new obsolete file: what it held, less what came
// back into the document, plus what just left it. Nil means no change.
func keepObsolete(obs *catalog.File, gone []*catalog.Message, current *catalog.File) *catalog.File {
	if obs == nil && len(gone) == 0 {
		return nil
	}
	out := &catalog.File{Header: []string{
		"quipu: translations of segments that left the document, kept for reuse.",
		"sync gives one back when its segment returns; delete what you no longer need.",
	}}
	live := current.Index()
	seen := map[string]bool{}
	add := func(m *catalog.Message) {
		if live[m.ID] != nil || seen[m.ID] {
			return
		}
		seen[m.ID] = true
		c := *m
		c.Notes = nil
		if c.Source != "" {
			c.Notes = []string{"en: " + c.Source}
		}
		out.Messages = append(out.Messages, &c)
	}
	for _, m := range gone {
		add(m)
	}
	if obs != nil {
		for _, m := range obs.Messages {
			add(m)
		}
	}
	sort.Slice(out.Messages, func(i, j int) bool { return out.Messages[i].ID < out.Messages[j].ID })
	return out
}
