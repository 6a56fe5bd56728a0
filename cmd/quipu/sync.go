package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
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
			dryRunFlag("print what would change and touch nothing"),
			forceFlag("sync every document, even unchanged ones"),
			quietFlag(), verboseFlag(), jsonSummaryFlag(),
		},
		Action: func(c *cli.Context) error {
			p, err := openProject(c)
			if err != nil {
				return err
			}
			start := time.Now()
			bar := newProgress(c)
			log := newLog(c)
			res, err := p.Sync(project.SyncOptions{DryRun: c.Bool("dry-run"), Force: c.Bool("force"), Log: log, Progress: bar.callback()})
			bar.clear()
			if ferr := log.Flush(c.App.ErrWriter); err == nil {
				err = ferr
			}
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
			verb, changed := "synced", say.Count("FileChanged", len(res.Changed))
			if c.Bool("dry-run") {
				verb, changed = "dry run, nothing written: would sync", say.Count("FileWouldChange", len(res.Changed))
			}
			fmt.Fprintf(c.App.ErrWriter, "%s %s in %s: %s; messages: %s new, %s kept, %s fuzzy, %s reused, %s obsolete\n",
				verb, say.Count("Document", res.Documents), time.Since(start).Round(time.Millisecond), changed,
				say.Number(r.Added), say.Number(r.Kept), say.Number(r.Stale), say.Number(r.Reused), say.Number(r.Obsolete))
			return nil
		},
	}
}
