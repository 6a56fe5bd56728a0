package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/mt"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
)

func mtCommand() *cli.Command {
	return &cli.Command{
		Name:      "mt",
		Usage:     "fill untranslated messages with machine drafts, offline",
		ArgsUsage: "[DOC...]",
		Description: `Translates the untranslated messages of a locale (of the documents named, or
under the folders named, or of all) with a machine translation engine, and stores each draft in state
machine ("#, machine", with a "#. machine: ENGINE" note): a build publishes it
only with --use-machine, status counts it apart, and translation memory ignores
it until a person marks it translated or reviewed.

The message files must be in step (quipu sync): a message that has a
translation (from memory, aligned or a person's) is never touched, and one for
which translation memory shows a fuzzy match is left to it. Tags go through the
engine protected; a draft whose tags come back damaged is dropped. Every draft
is post-edited for Peru: vosotros forms to ustedes, EE. UU., es-PE numbers,
the glossary's translate = false terms kept (or the draft dropped).

Engines: apertium (the local Apertium pair, Debian's apertium-eng-spa) and
command (--command 'PROG ARGS': a program reading one segment a line on stdin
and writing one translation a line on stdout; see README, Machine drafts).

Example:
   quipu mt --locale es-PE
   quipu mt --engine command --command 'my-mt --to es' content/news.md`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "locale", Aliases: []string{"l"}, Usage: "target locale (default: the first in quipu.toml)"},
			&cli.StringFlag{Name: "engine", Value: "apertium", Usage: "apertium or command"},
			&cli.StringFlag{Name: "command", Usage: "the program of --engine command, with its arguments, shell-quoted (`'PROG ARGS'`)"},
			&cli.DurationFlag{Name: "timeout", Value: time.Minute, Usage: "how long one run of the engine (up to 200 segments) may take"},
			dryRunFlag("draft and check, print what would change, write nothing"),
			quietFlag(), verboseFlag(), jsonSummaryFlag(),
		},
		Action: func(c *cli.Context) error {
			p, err := openProject(c)
			if err != nil {
				return err
			}
			locale := c.String("locale")
			if locale == "" && len(p.Config.Locales) > 0 {
				locale = p.Config.Locales[0]
			}
			var eng mt.Engine
			switch c.String("engine") {
			case "apertium":
				if c.IsSet("command") {
					return fmt.Errorf("%w: --command goes with --engine command", errUsage)
				}
				a, err := mt.NewApertium(p.Config.SourceLocale, locale)
				if err != nil {
					return fmt.Errorf("%w: %v", errUsage, err)
				}
				a.Timeout = c.Duration("timeout")
				eng = a
			case "command":
				cmd, err := mt.NewCommand(c.String("command"))
				if err != nil {
					return fmt.Errorf("%w: %v", errUsage, err)
				}
				cmd.Timeout = c.Duration("timeout")
				eng = cmd
			default:
				return fmt.Errorf("%w: unknown engine %q (apertium or command)", errUsage, c.String("engine"))
			}
			root, err := projectRoot(c)
			if err != nil {
				return err
			}
			var docs []string
			for _, a := range c.Args().Slice() {
				d, err := docPath(root, a)
				if err != nil {
					return err
				}
				docs = append(docs, filepath.ToSlash(d))
			}
			log := newLog(c)
			res, err := p.MachineDrafts(context.Background(), project.MachineOptions{
				Locale: c.String("locale"), Docs: docs, Engine: eng, DryRun: c.Bool("dry-run"), Log: log,
			})
			if ferr := log.Flush(c.App.ErrWriter); err == nil {
				err = ferr
			}
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(res)
			}
			verb, changed := "wrote", say.Count("FileChanged", len(res.Changed))
			if c.Bool("dry-run") {
				verb, changed = "dry run, nothing written: would write", say.Count("FileWouldChange", len(res.Changed))
			}
			fmt.Fprintf(c.App.ErrWriter, "%s %s with %s in %s: %s; %s dropped, %s left to translation memory's suggestions\n",
				verb, say.Count("MachineDraft", res.Drafted), eng.Name(), say.Count("Document", res.Documents), changed, say.Number(res.Dropped), say.Number(res.Suggested))
			return nil
		},
	}
}

// docPath turns a document named on the command line, relative to the
// working folder or absolute, into its path in the project; a path
// outside the project is passed on as given, for the error to name it.
func docPath(root, doc string) (string, error) {
	if !filepath.IsAbs(doc) {
		return outDir(root, doc)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absRoot, doc)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return doc, nil
	}
	return rel, nil
}
