package interop

import (
	"io"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/localized"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tm"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// ExportTMX writes the translation memory of a locale as TMX 1.4, less
// the translations the build rejects (tags wrong or markup it cannot
// show): another tool should not learn what quipu itself refuses.
func ExportTMX(t *tree.Tree, w io.Writer, locale string, tags tm.Tags) (int, error) {
	mem, err := syncer.Memory(t, locale)
	if err != nil {
		return 0, err
	}
	rejected, err := rejectedMessages(t, locale)
	if err != nil {
		return 0, err
	}
	entries := make([]tm.Entry, 0, len(mem.Entries))
	for _, e := range mem.Entries {
		if !rejected[docMessage{e.Doc, e.ID}] {
			entries = append(entries, e)
		}
	}
	return len(entries), tm.WriteTMX(w, t.Config.SourceLocale, locale, pipeline.Version, entries, tags)
}

type docMessage struct{ doc, id string }

// rejectedMessages are the messages of a locale whose translation resolve
// rejects, as the build decides: each file alone, not its fallbacks.
func rejectedMessages(t *tree.Tree, locale string) (map[docMessage]bool, error) {
	sources, err := t.Sources()
	if err != nil {
		return nil, err
	}
	out := map[docMessage]bool{}
	var errs pipeline.ErrorList
	for _, s := range sources {
		f, err := t.ReadMessages(t.MessagePath(locale, s))
		if err != nil || f == nil {
			errs.Add(err)
			continue
		}
		doc, err := t.Load(s)
		if err != nil {
			errs.Add(err)
			continue
		}
		rd := localized.Resolve(t, doc, s, locale, map[string]*catalog.File{locale: f}, resolve.Options{})
		for i, seg := range doc.Segments {
			if rd.Res[i].Verdict == resolve.Rejected {
				out[docMessage{doc.Path, seg.ID}] = true
			}
		}
	}
	return out, errs.Err()
}
