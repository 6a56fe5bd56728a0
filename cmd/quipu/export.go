package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/bundlefile"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "build and pack the site into a reproducible bundle",
		ArgsUsage: "[--merge BUNDLE...]",
		Description: `Builds the project and writes a bundle: for each locale the HTML pages, the
Markdown and the files under content/ the pages reference, plus manifest.json
(every file's size and SHA-256, each locale's coverage, the git commit and
quipu's version) and sitemap.xml (every page with its hreflang alternates and
x-default). The source locale is always included.

Two exports of the same sources are byte-identical: entries sorted, owner 0,
modes 0644/0755, every time $SOURCE_DATE_EPOCH, else the last commit's time,
else 0.

--min-coverage N refuses to export if a locale has less than N percent of its
segments translated, and lists the others as content file:line:col. Counts are
those of quipu status: a fuzzy translation, or one a build rejects (tags that
do not match, a link or code dropped), counts as untranslated. Fuzzy
translations are published only with --use-fuzzy (or use_fuzzy = true), machine
drafts only with --use-machine (or use_machine = true); both still count as
untranslated.
Drafts (draft: true in their front matter) are left out unless --drafts.

--out is replaced only if quipu wrote it: a folder holding a manifest.json
that quipu wrote and no file it does not list, unchanged; an archive file.
--force replaces anything else, except the project folder, quipu.toml, the
glossary, content/, locales/, the templates and .quipu/ (nor any folder
holding them); nothing is ever written inside content/ or locales/.

--shard I/N exports part I (from 0) of N of the documents, split by a hash of
their paths; --merge joins the shards' bundles into the bundle one machine
would have written, byte for byte. Flags go before the bundles.

Example:
   quipu export
   quipu export --locale es-PE --min-coverage 95 --out site.zip --format zip
   quipu export --shard 0/4 --format dir --out shard-0
   quipu export --out site.tar.gz --merge shard-0 shard-1 shard-2 shard-3`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "locale", Aliases: []string{"l"}, Usage: "export this locale (repeatable; default: all configured)"},
			&cli.StringFlag{Name: "format", Value: "tar.gz", Usage: "tar.gz, zip or dir"},
			outFlag("where to write the bundle (default: quipu-bundle.<format>, or quipu-bundle/ for dir)"),
			&cli.Float64Flag{Name: "min-coverage", Usage: "refuse to export a locale with less than `N` percent translated"},
			&cli.StringFlag{Name: "base-url", Usage: "where the site is published, for canonical and hreflang links and sitemap.xml alike (default: base_url in quipu.toml)"},
			&cli.StringFlag{Name: "shard", Usage: "export only part `I/N` of the documents (I from 0)"},
			&cli.BoolFlag{Name: "merge", Usage: "merge the shard bundles given as arguments instead of building"},
			forceFlag("replace --out even if quipu did not write it (never the project or its sources)"),
			useFuzzyFlag, useMachineFlag, draftsFlag,
			quietFlag(), verboseFlag(), jsonSummaryFlag(),
		},
		Action: func(c *cli.Context) error {
			format, err := bundle.ParseFormat(c.String("format"))
			if err != nil {
				return fmt.Errorf("%w: %v", errUsage, err)
			}
			out := c.String("out")
			if out == "" {
				out = "quipu-bundle." + string(format)
				if format == bundle.Dir {
					out = "quipu-bundle"
				}
			}
			var shard tree.Shard
			switch {
			case c.Bool("merge") && (c.NArg() == 0 || c.IsSet("shard") || c.IsSet("locale") || c.IsSet("base-url")):
				return fmt.Errorf("%w: --merge takes the shards' bundles as arguments, and their locales and base URL", errUsage)
			case !c.Bool("merge") && c.NArg() > 0:
				return fmt.Errorf("%w: unexpected arguments %v (bundles are for --merge)", errUsage, c.Args().Slice())
			case c.String("base-url") != "" && config.BaseURLProblem(c.String("base-url")) != "":
				return fmt.Errorf("%w: --base-url %q %s", errUsage, c.String("base-url"), config.BaseURLProblem(c.String("base-url")))
			case c.String("shard") != "":
				if shard, err = tree.ParseShard(c.String("shard")); err != nil {
					return fmt.Errorf("%w: %v", errUsage, err)
				}
			}
			// The target is checked before anything is built or read.
			p, err := openProject(c)
			if err != nil {
				return err
			}
			guard := bundlefile.Guard(p.Tree, c.Bool("force"))
			if err := bundlefile.CheckTarget(out, format, guard); err != nil {
				return err
			}
			var b *bundle.Bundle
			var cov []project.Coverage
			if c.Bool("merge") {
				if b, err = bundlefile.Merge(c.Args().Slice()); err != nil {
					return err
				}
				cov = project.StatsCoverage(b.Manifest.Locales)
				report(c, cov)
				if err := project.CheckCoverage(cov, c.Float64("min-coverage")); err != nil {
					return verboseGaps(c, err)
				}
			} else {
				log := newLog(c)
				b, cov, err = p.Export(project.ExportOptions{
					Log:         log,
					Locales:     c.StringSlice("locale"),
					BaseURL:     c.String("base-url"),
					MinCoverage: c.Float64("min-coverage"),
					Shard:       shard,
					UseFuzzy:    c.Bool("use-fuzzy"),
					UseMachine:  c.Bool("use-machine"),
					Drafts:      c.Bool("drafts"),
				})
				if ferr := log.Flush(c.App.ErrWriter); err == nil {
					err = ferr
				}
				if err != nil {
					return verboseGaps(c, err)
				}
				report(c, cov)
			}
			if err := bundlefile.Write(out, format, b, guard); err != nil {
				return err
			}
			var size int64
			for _, e := range b.Manifest.Files {
				size += e.Bytes
			}
			files := len(b.Manifest.Files) + 1
			if c.Bool("json") {
				locales := make([]map[string]any, len(cov))
				for i, l := range cov {
					locales[i] = map[string]any{"locale": l.Locale, "documents": l.Documents, "segments": l.Segments,
						"translated": l.Translated, "fuzzy": l.Stale, "coverage": l.Coverage}
				}
				return json.NewEncoder(c.App.Writer).Encode(map[string]any{"out": out, "files": files, "bytes": size, "locales": locales})
			}
			fmt.Fprintf(c.App.ErrWriter, "wrote %s: %s, %s before packing\n", out, say.Count("File", files), say.Count("Byte", int(size)))
			return nil
		},
	}
}

// report prints each locale's coverage, as status does, unless the
// summary is wanted alone.
func report(c *cli.Context, cov []project.Coverage) {
	if c.Bool("quiet") || c.Bool("json") {
		return
	}
	for _, l := range cov {
		fmt.Fprintf(c.App.ErrWriter, "%s: %s, %s of %s translated (%s), %s fuzzy\n",
			l.Locale, say.Count("Document", l.Documents), say.Number(l.Translated), say.Count("Segment", l.Segments), say.Percent(l.Coverage), say.Number(l.Stale))
	}
}

// verboseGaps lists every gap of a refused export under -v, the first few
// of each locale otherwise, as the build's warnings are listed.
func verboseGaps(c *cli.Context, err error) error {
	var ce *project.CoverageError
	if errors.As(err, &ce) {
		ce.Verbose = c.Bool("verbose")
	}
	return err
}
