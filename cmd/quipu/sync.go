package main

import (
	"encoding/json"
	"fmt"
	"time"

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

After an edit of documents alone, only the edited documents are synced, with
translation memory from the cache in .quipu/. The source message files
(locales/<source>/) are not looked into: a hand edit inside one is undone by
the next full sync; --force syncs every document now.

Example:
   quipu sync
   quipu sync --dry-run
   quipu sync --force`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "print what would change and touch nothing"},
			&cli.BoolFlag{Name: "force", Usage: "sync every document, even unchanged ones"},
			quietFlag, jsonSummaryFlag,
		},
		Action: func(c *cli.Context) error {
			p, err := openProject(c)
			if err != nil {
				return err
			}
			start := time.Now()
			bar := newProgress(c)
			res, err := p.Sync(project.SyncOptions{DryRun: c.Bool("dry-run"), Force: c.Bool("force"), Log: c.App.ErrWriter, Progress: bar.callback()})
			bar.clear()
			if err != nil {
				return err
			}
			r := res.Report
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(map[string]any{
					"documents": res.Documents, "changed": res.Changed, "new": r.Added, "kept": r.Kept,
					"fuzzy": r.Stale, "reused": r.Reused, "obsolete": r.Obsolete, "seconds": time.Since(start).Seconds(),
				})
			}
			fmt.Fprintf(c.App.ErrWriter, "synced %d documents: %d files changed; %d new, %d kept, %d fuzzy, %d reused, %d obsolete messages in %s\n",
				res.Documents, len(res.Changed), r.Added, r.Kept, r.Stale, r.Reused, r.Obsolete, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
}
