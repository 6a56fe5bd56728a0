package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "write localized Markdown and HTML to output/",
		Description: `Reassembles every document in every locale into output/<locale>/<doc>.md and
output/<locale>/<doc>.html. A segment without a translation falls back along the
locale's chain (es-PE, es-419, es) and then to the source text, and the build
says so on stderr; --strict makes that an error. --locale qps builds the
pseudo-locale, to see untranslated or truncated text before translators start.

Example:
   quipu build
   quipu build --strict
   quipu build --locale qps`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "strict", Usage: "fail on untranslated, fuzzy or rejected segments"},
			&cli.StringSliceFlag{Name: "locale", Aliases: []string{"l"}, Usage: "build only this locale (repeatable; qps is the pseudo-locale)"},
			&cli.StringFlag{Name: "shard", Usage: "build only part `I/N` of the documents (I from 0), for spreading a build over machines"},
		},
		Action: func(c *cli.Context) error {
			var shard project.Shard
			if s := c.String("shard"); s != "" {
				var err error
				if shard, err = project.ParseShard(s); err != nil {
					return fmt.Errorf("%w: %v", errUsage, err)
				}
			}
			p, err := project.Open(c.String("root"))
			if err != nil {
				return err
			}
			res, err := p.Build(project.BuildOptions{
				Locales: c.StringSlice("locale"),
				Strict:  c.Bool("strict"),
				Log:     c.App.ErrWriter,
				Shard:   shard,
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "built %d documents (%d segments): %d files\n", res.Documents, res.Segments, res.Files)
			return nil
		},
	}
}
