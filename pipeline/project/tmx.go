package project

import (
	"io"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// Version is quipu's version, recorded in what it exports.
const Version = pipeline.Version

// ExportTMX writes the translation memory of a locale as TMX 1.4.
func (p *Project) ExportTMX(w io.Writer, locale string, tags tm.Tags) (int, error) {
	mem, err := p.Memory(locale)
	if err != nil {
		return 0, err
	}
	return len(mem.Entries), tm.WriteTMX(w, p.Config.SourceLocale, locale, Version, mem.Entries, tags)
}
