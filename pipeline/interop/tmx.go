package interop

import (
	"io"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tm"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// ExportTMX writes the translation memory of a locale as TMX 1.4.
func ExportTMX(t *tree.Tree, w io.Writer, locale string, tags tm.Tags) (int, error) {
	mem, err := syncer.Memory(t, locale)
	if err != nil {
		return 0, err
	}
	return len(mem.Entries), tm.WriteTMX(w, t.Config.SourceLocale, locale, pipeline.Version, mem.Entries, tags)
}
