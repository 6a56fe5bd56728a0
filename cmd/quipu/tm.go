package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/say"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

func tmCommand() *cli.Command {
	return &cli.Command{
		Name:  "tm",
		Usage: "translation memory",
		Description: `quipu's translation memory is every translation in the project. sync uses it
on its own: an exact match fills a new segment (flagged for review), and
matches of 75% or more are shown beside untranslated messages with their score.

Example:
   quipu tm export --locale es-PE --out es-PE.tmx`,
		Subcommands: []*cli.Command{{
			Name:  "export",
			Usage: "write the translation memory as TMX 1.4",
			Description: `Writes every translation of a locale (reviewed and unreviewed; fuzzy ones
left out) as a TMX 1.4 file. Tags are written as the message files and PO
files show them (<1>…</1>), so a CAT tool translating PO files matches tagged
segments; --tags codes writes the markup as <bpt>/<ept>/<ph> inline codes,
as XLIFF files carry it.

Example:
   quipu tm export --format tmx --locale es-PE --out es-PE.tmx
   quipu tm export --tags codes --out es-PE.tmx   # for XLIFF`,
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "format", Value: "tmx", Usage: "output format (tmx)"},
				&cli.StringFlag{Name: "tags", Value: "text", Usage: "how tags are written: text (as in PO files) or codes (as in XLIFF files)"},
				&cli.StringFlag{Name: "locale", Aliases: []string{"l"}, Usage: "target locale (default: the first configured)"},
				outFlag("output file (default: standard output)"),
				jsonFlag("print the summary as JSON on stdout (needs --out)"),
			},
			Action: func(c *cli.Context) error {
				if c.Bool("json") && c.String("out") == "" {
					return fmt.Errorf("%w: --json needs --out: without it the TMX goes to standard output", errUsage)
				}
				if f := c.String("format"); f != "tmx" {
					return fmt.Errorf("%w: unknown format %q (quipu writes tmx)", errUsage, f)
				}
				tags, err := tm.ParseTags(c.String("tags"))
				if err != nil {
					return fmt.Errorf("%w: %v", errUsage, err)
				}
				p, err := openProject(c)
				if err != nil {
					return err
				}
				var asked []string
				if l := c.String("locale"); l != "" {
					asked = []string{l}
				}
				locales, err := p.Config.SelectLocales(asked, true)
				if err != nil {
					return err
				}
				if len(locales) == 0 {
					return fmt.Errorf("%s: no target locales", config.File)
				}
				locale := locales[0]
				var buf bytes.Buffer
				n, err := p.ExportTMX(&buf, locale, tags)
				if err != nil {
					return err
				}
				if out := c.String("out"); out != "" {
					if err := fsutil.WriteFast(out, buf.Bytes()); err != nil {
						return err
					}
				} else if _, err := c.App.Writer.Write(buf.Bytes()); err != nil {
					return err
				}
				if c.Bool("json") {
					return json.NewEncoder(c.App.Writer).Encode(map[string]any{"out": c.String("out"), "locale": locale, "units": n})
				}
				fmt.Fprintf(c.App.ErrWriter, "exported %s (%s)\n", say.Count("TranslationUnit", n), locale)
				return nil
			},
		}},
	}
}
