package main

import (
	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
)

func poCommand() *cli.Command {
	f := exchangeFormat{
		name: "po", title: "gettext PO", ext: ".po",
		export: (*project.Project).ExportPO,
		imp:    (*project.Project).ImportPO,
	}
	return &cli.Command{
		Name:  "po",
		Usage: "exchange translations with CAT tools as gettext PO files",
		Description: `PO files for Poedit, Weblate, Lokalize and gettext tools: one file per document
and locale; msgctxt is the message ID, msgid the English with its tags, msgstr
the translation; "#." comments give the location, kind, tags and glossary
terms, "#:" the document line.

States: untranslated → empty msgstr; translated → msgstr; reviewed → flag
"reviewed"; fuzzy → flag "fuzzy" with the previous English as "#| msgid".

Example:
   quipu po export
   quipu po import po/es-PE/*.po`,
		Subcommands: []*cli.Command{exchangeExport(f), exchangeImport(f)},
	}
}
