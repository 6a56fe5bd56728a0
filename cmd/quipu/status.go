package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
)

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "show how far each document's translation has got",
		Description: `Per document and locale: total segments, translated (reviewed included),
reviewed, stale (fuzzy: the English changed), machine (drafts of quipu mt no
person has accepted), aligned (drafts quipu align found in an existing
translation, not yet accepted), missing, rejected (tags that do not match the source, or
a link or code dropped), and words; then a total line
per locale. A draft (draft: true in its front matter) is listed as such and
left out of the totals, as build and export leave it out. Counts are what
quipu build publishes and quipu export counts:
a translation from the fallback chain (es-419, es) counts as translated, a
fuzzy, machine, aligned or rejected one does not. --min-coverage N exits 1 when a locale is
below N percent translated.

Example:
   quipu status
   quipu status --json
   quipu status --min-coverage 100`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "locale", Aliases: []string{"l"}, Usage: "only this locale (repeatable)"},
			jsonFlag("print an array of objects (doc, locale, total, translated, reviewed, stale, machine, aligned, missing, rejected, words, words_translated, coverage, draft)"),
			&cli.Float64Flag{Name: "min-coverage", Usage: "exit 1 when a locale's coverage is below this percentage"},
		},
		Action: func(c *cli.Context) error {
			p, err := openProject(c)
			if err != nil {
				return err
			}
			rows, err := p.Status(c.StringSlice("locale"))
			if err != nil {
				return err
			}
			totals := map[string]*project.Status{}
			var order []string
			for _, r := range rows {
				t := totals[r.Locale]
				if t == nil {
					t = &project.Status{Doc: "total", Locale: r.Locale}
					totals[r.Locale] = t
					order = append(order, r.Locale)
				}
				if !r.Draft { // not published: as export counts
					t.Add(r)
				}
			}
			if c.Bool("json") {
				if rows == nil {
					rows = []project.Status{}
				}
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rows); err != nil {
					return err
				}
			} else {
				w := tabwriter.NewWriter(c.App.Writer, 2, 4, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintln(w, "document\tlocale\ttotal\ttranslated\treviewed\tstale\tmachine\taligned\tmissing\trejected\twords\tcoverage\t")
				print := func(s project.Status) {
					doc := s.Doc
					if s.Draft {
						doc += " (draft)"
					}
					fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d/%d\t%s\t\n", doc, s.Locale, s.Total, s.Translated, s.Reviewed, s.Stale, s.Machine, s.Aligned, s.Missing, s.Rejected, s.WordsDone, s.Words, say.Percent(s.Coverage))
				}
				for _, r := range rows {
					print(r)
				}
				for _, l := range order {
					print(*totals[l])
				}
				w.Flush()
			}
			if min := c.Float64("min-coverage"); c.IsSet("min-coverage") {
				failed := false
				for _, l := range order {
					if totals[l].Coverage < min {
						fmt.Fprintf(c.App.ErrWriter, "%s: coverage %s is below %g%%\n", l, say.Percent(totals[l].Coverage), min)
						failed = true
					}
				}
				if failed {
					return exitError{1}
				}
			}
			return nil
		},
	}
}
