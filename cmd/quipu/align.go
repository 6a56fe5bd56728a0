package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/digest"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
)

func alignCommand() *cli.Command {
	return &cli.Command{
		Name:      "align",
		Usage:     "fill message files from existing translated documents",
		ArgsUsage: "SRC TRANSLATED",
		Description: `Pairs the documents under SRC (a document of the project, or a folder of
them under content/) with their existing translations under TRANSLATED (a file,
or a folder where each has the same relative path; --map old=new names one
that was renamed, or a folder; one of another format, guide.html for guide.md, is found by
its name), aligns their segments and writes the translations found into the
locale's message files, flagged "#, aligned" with a "#. aligned:" note of the
confidence and where each came from.

Segments are aligned by structure first (the n-th heading, paragraph, list item
or table cell of the same kind, section by section, a section missing on one
side skipped), by length where the two sides split differently (Gale–Church),
and by anchors that survive translation (numbers, URLs, code, proper nouns).
The translation's markup is mapped onto the source's tags; a segment whose
tags cannot be mapped is left untranslated.

An aligned translation is a draft: build publishes it only with --use-fuzzy,
status counts it apart, translation memory ignores it, until a person marks
it translated. Existing translations are kept unless --force, which also
clears an aligned draft the new alignment no longer supports. Run quipu sync
first: align writes only message files in step with their documents.

TRANSLATED may be outside the project; only regular files are read there
(32 MiB at most), and a symbolic link only while it stays inside
TRANSLATED. Hidden HTML text is never taken. The report lists the first
three documents of each kind (all with -v) and a closing summary (alone
with -q).

Example:
   quipu align --locale es-PE content old-site/es
   quipu align content/guide.md old-site/es/guia.html
   quipu align content old-site/es --map faq.md=preguntas.md --json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "locale", Aliases: []string{"l"}, Usage: "target locale (default: the first in quipu.toml)"},
			&cli.StringSliceFlag{Name: "map", Usage: "OLD=NEW: the translation of SRC/OLD is TRANSLATED/NEW, documents or folders (repeatable)"},
			forceFlag("replace translations the message files already have"),
			quietFlag(), verboseFlag(), jsonFlag("print an array of objects (doc, translation, segments, aligned, doubtful, left, kept)"),
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) != 2 {
				return fmt.Errorf("%w: quipu align [--locale L] [--map OLD=NEW] [--force] SRC TRANSLATED", errUsage)
			}
			renames := map[string]string{}
			for _, m := range c.StringSlice("map") {
				old, new, ok := strings.Cut(m, "=")
				if !ok || old == "" || new == "" {
					return fmt.Errorf("%w: --map %q: want OLD=NEW", errUsage, m)
				}
				renames[old] = new
			}
			p, err := openProject(c)
			if err != nil {
				return err
			}
			reports, err := p.Align(args[0], args[1], project.AlignOptions{Locale: c.String("locale"), Renames: renames, Force: c.Bool("force"), Warn: c.App.ErrWriter})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				if reports == nil {
					reports = []project.AlignReport{}
				}
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(reports)
			}
			printAlignReports(c.App.ErrWriter, reports, c.Bool("verbose"), c.Bool("quiet"))
			return nil
		},
	}
}

// printAlignReports lists the documents aligned, the first few of each
// kind (aligned, aligned with segments left, without a translation) or
// every one with -v, none with -q, then a closing summary line.
func printAlignReports(w io.Writer, reports []project.AlignReport, verbose, quiet bool) {
	var kinds [3][]string
	var sum project.AlignReport
	docs, missing := 0, 0
	for _, r := range reports {
		if r.Translation == "" {
			missing++
			kinds[2] = append(kinds[2], fmt.Sprintf("%s: no translation found", r.Doc))
			continue
		}
		docs++
		sum.Segments += r.Segments
		sum.Aligned += r.Aligned
		sum.Doubtful += r.Doubtful
		sum.Left += r.Left
		sum.Kept += r.Kept
		k := 0
		if r.Left > 0 || r.Doubtful > 0 {
			k = 1
		}
		kinds[k] = append(kinds[k], fmt.Sprintf("%s: %d of %d segments aligned (%d doubtful), %d left, %d kept, from %s", r.Doc, r.Aligned, r.Segments, r.Doubtful, r.Left, r.Kept, r.Translation))
	}
	if !quiet {
		for _, lines := range kinds {
			for i, l := range lines {
				if i == digest.First && !verbose {
					fmt.Fprintln(w, say.Count("More", len(lines)-i))
					break
				}
				fmt.Fprintln(w, l)
			}
		}
	}
	fmt.Fprintf(w, "aligned %s of %s in %s (%s doubtful), %s left, %s kept; %s without a translation\n",
		say.Number(sum.Aligned), say.Count("Segment", sum.Segments), say.Count("Document", docs),
		say.Number(sum.Doubtful), say.Number(sum.Left), say.Number(sum.Kept), say.Number(missing))
}
