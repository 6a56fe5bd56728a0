package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
)

func syncCommand() *cli.Command {
	return &cli.Command{
		Name:  "sync",
		Usage: "split the documents and bring the message files in step",
		Description: `Splits every document under content/ into segments and writes the message
files: locales/<source>/<doc>.<source>.toml with the source text, and
locales/<locale>/<doc>.<locale>.toml for each target locale. Translations are
never lost: an edited segment keeps its translation flagged fuzzy, a removed
one moves to <doc>.obsolete.<locale>.toml.

Example:
   quipu sync
   quipu sync --dry-run`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "print what would change and touch nothing"},
		},
		Action: func(c *cli.Context) error {
			p, err := project.Open(c.String("root"))
			if err != nil {
				return err
			}
			res, err := p.Sync(project.SyncOptions{DryRun: c.Bool("dry-run"), Log: c.App.ErrWriter})
			if err != nil {
				return err
			}
			r := res.Report
			fmt.Fprintf(c.App.ErrWriter, "synced %d documents: %d files changed; %d new, %d kept, %d fuzzy, %d reused, %d obsolete messages\n",
				res.Documents, len(res.Changed), r.Added, r.Kept, r.Stale, r.Reused, r.Obsolete)
			return nil
		},
	}
}
