package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/siteinit"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "write quipu.toml for a Hugo, Docusaurus or MkDocs site, to localize it in place",
		Description: `Reads the site's own configuration (Hugo's hugo.toml, config.toml or YAML;
docusaurus.config.js's i18n block, read without running it; mkdocs.yml with
the mkdocs-static-i18n plugin) and writes quipu.toml: the site's source
content folder, its languages mapped to quipu locales (Hugo's es-pe is es-PE;
a language without a region, such as MkDocs's es, is the --locale of that
language), and where quipu build writes each locale's Markdown so that the
generator reads it. Run it in the site's folder.

Example:
   quipu init --hugo
   quipu init --mkdocs --locale es-PE`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "hugo", Usage: "the folder is a Hugo site"},
			&cli.BoolFlag{Name: "docusaurus", Usage: "the folder is a Docusaurus site"},
			&cli.BoolFlag{Name: "mkdocs", Usage: "the folder is an MkDocs site with mkdocs-static-i18n"},
			&cli.StringSliceFlag{Name: "locale", Aliases: []string{"l"}, Value: cli.NewStringSlice("es-PE"), Usage: "the quipu locale a site language without a region stands for (repeatable)"},
			forceFlag("replace an existing quipu.toml"),
			jsonFlag("print what init read and wrote as JSON on stdout"),
		},
		Action: func(c *cli.Context) error {
			var gens []string
			for _, g := range []string{"hugo", "docusaurus", "mkdocs"} {
				if c.Bool(g) {
					gens = append(gens, g)
				}
			}
			if len(gens) != 1 {
				return fmt.Errorf("%w: init takes one of --hugo, --docusaurus, --mkdocs", errUsage)
			}
			root := global(c, "root")
			if root == "" {
				root = "."
			}
			s, err := siteinit.Read(root, gens[0], c.StringSlice("locale"))
			if err != nil {
				return err
			}
			if err := config.Write(root, s.TOML(), c.Bool("force")); err != nil {
				return err
			}
			if c.Bool("json") {
				return printInitJSON(c, s)
			}
			w := c.App.ErrWriter
			fmt.Fprintf(w, "wrote %s from %s: content %s, source %s\n", config.File, s.Config, s.Content, s.SourceLocale())
			for _, l := range s.Langs {
				where := l.Dir + "/"
				if l.Dir == "" {
					where = "beside each page, as page." + l.Name + ".md"
				}
				fmt.Fprintf(w, "  %s = %s %s: %s\n", l.Locale, s.Generator, l.Name, where)
			}
			for _, n := range s.Notes {
				fmt.Fprintf(w, "note: %s\n", n)
			}
			return nil
		},
	}
}

// printInitJSON prints what init read and wrote, for scripts.
func printInitJSON(c *cli.Context, s *siteinit.Site) error {
	type lang struct {
		Locale   string `json:"locale"`
		Language string `json:"language"`
		Dir      string `json:"dir,omitempty"`
	}
	langs := []lang{}
	for _, l := range s.Langs {
		langs = append(langs, lang{l.Locale, l.Name, l.Dir})
	}
	notes := append([]string{}, s.Notes...)
	enc := json.NewEncoder(c.App.Writer)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{
		"wrote": config.File, "generator": s.Generator, "config": s.Config,
		"content": s.Content, "source_locale": s.SourceLocale(), "locales": langs, "notes": notes,
	})
}
