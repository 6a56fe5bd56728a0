package main

import (
	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
)

func xliffCommand() *cli.Command {
	f := exchangeFormat{
		name: "xliff", title: "XLIFF 2.0", ext: ".xlf",
		export: (*project.Project).ExportXLIFF,
		imp:    (*project.Project).ImportXLIFF,
	}
	return &cli.Command{
		Name:  "xliff",
		Usage: "exchange translations with CAT tools as XLIFF 2.0",
		Description: `XLIFF 2.0 files for translation tools (OmegaT, Okapi, memoQ, Trados…): one <file>
per document, one <unit> per message, tags as <pc>/<ph> inline codes with the
original markup in <originalData>, context in <notes>.

States: untranslated → initial; translated → translated; reviewed → reviewed
(final comes back as reviewed); fuzzy → initial with subState="quipu:fuzzy",
the old translation in the target and the previous English in a note.

Example:
   quipu xliff export
   quipu xliff import xliff/es-PE/*.xlf`,
		Subcommands: []*cli.Command{exchangeExport(f), exchangeImport(f)},
	}
}
