package project

import (
	"context"
	"io"

	"github.com/quipu-l10n/quipu/pipeline/interop"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// The exchange with translation tools is package interop's; these are its
// commands on an open project.

// ExchangeOptions tune ExportXLIFF and ExportPO.
type ExchangeOptions = interop.ExchangeOptions

// ImportOptions tune ImportXLIFF and ImportPO.
type ImportOptions = interop.ImportOptions

// ImportResult sums up an import.
type ImportResult = interop.ImportResult

// TextImportOptions tune Import.
type TextImportOptions = interop.TextImportOptions

// ExportXLIFF writes one XLIFF 2.0 file per document.
func (p *Project) ExportXLIFF(opt ExchangeOptions) ([]string, error) {
	return interop.ExportXLIFF(p.Tree, opt)
}

// ExportPO writes one gettext PO file per document.
func (p *Project) ExportPO(opt ExchangeOptions) ([]string, error) {
	return interop.ExportPO(p.Tree, opt)
}

// ImportXLIFF merges translated XLIFF files into the message files.
func (p *Project) ImportXLIFF(paths []string, opt ImportOptions) (*ImportResult, error) {
	return interop.ImportXLIFF(p.Tree, paths, opt)
}

// ImportPO merges translated PO files into the message files.
func (p *Project) ImportPO(paths []string, opt ImportOptions) (*ImportResult, error) {
	return interop.ImportPO(p.Tree, paths, opt)
}

// Import converts a plain-text article into a document of the project.
func (p *Project) Import(file string, opt TextImportOptions) (string, error) {
	return interop.Import(p.Tree, file, opt)
}

// AlignOptions tune Align.
type AlignOptions = interop.AlignOptions

// AlignReport is what Align did with one document.
type AlignReport = interop.AlignReport

// MachineOptions tune MachineDrafts.
type MachineOptions = interop.MachineOptions

// MachineResult sums up MachineDrafts.
type MachineResult = interop.MachineResult

// MachineDrop is a machine draft MachineDrafts dropped, and why.
type MachineDrop = interop.MachineDrop

// Align pairs the documents of src with their existing translations in
// translated and writes the pairs as aligned drafts.
func (p *Project) Align(src, translated string, opt AlignOptions) ([]AlignReport, error) {
	return interop.Align(p.Tree, src, translated, opt)
}

// MachineDrafts fills untranslated messages with machine drafts.
func (p *Project) MachineDrafts(ctx context.Context, opt MachineOptions) (*MachineResult, error) {
	return interop.MachineDrafts(ctx, p.Tree, opt)
}

// ExportTMX writes the translation memory of a locale as TMX 1.4.
func (p *Project) ExportTMX(w io.Writer, locale string, tags tm.Tags) (int, error) {
	return interop.ExportTMX(p.Tree, w, locale, tags)
}
