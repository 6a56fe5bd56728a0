package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "write localized Markdown and HTML to output/",
		Description: `Reassembles every document in every locale into output/<locale>/<doc>.md and
output/<locale>/<doc>.html. Documents whose inputs did not change since the
last build are skipped (--force rebuilds all). A segment without a translation falls back along the
locale's chain (es-PE, es-419, es) and then to the source text, and the build
says so on stderr; --strict makes that an error. A fuzzy translation (its
English changed since) is not published unless --use-fuzzy (or use_fuzzy =
true in quipu.toml): the next translation along the chain, or the English, is
used, and the build warns at the message. A machine draft (quipu mt) is
likewise published only with --use-machine (or use_machine = true). A translation whose tags do not
match, or that drops a link, an image or code, is rejected the same way. Every
warning names the message file's line and column. --locale qps builds the
pseudo-locale, to see untranslated or truncated text before translators start.
A document whose front matter says draft: true is left out unless --drafts.

Example:
   quipu build
   quipu build --strict
   quipu build --locale qps`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "strict", Usage: "fail on untranslated, fuzzy or rejected segments"},
			forceFlag("rebuild every document, even unchanged ones"),
			useFuzzyFlag, useMachineFlag, draftsFlag,
			&cli.StringSliceFlag{Name: "locale", Aliases: []string{"l"}, Usage: "build only this locale (repeatable; qps is the pseudo-locale)"},
			quietFlag(), verboseFlag(), jsonSummaryFlag(),
			&cli.StringFlag{Name: "shard", Usage: "build only part `I/N` of the documents (I from 0), for spreading a build over machines"},
		},
		Action: func(c *cli.Context) error {
			var shard tree.Shard
			if s := c.String("shard"); s != "" {
				var err error
				if shard, err = tree.ParseShard(s); err != nil {
					return fmt.Errorf("%w: %v", errUsage, err)
				}
			}
			p, err := openProject(c)
			if err != nil {
				return err
			}
			start := time.Now()
			bar := newProgress(c)
			log := newLog(c)
			res, err := p.Build(project.BuildOptions{
				Locales:    c.StringSlice("locale"),
				Strict:     c.Bool("strict"),
				UseFuzzy:   c.Bool("use-fuzzy"),
				UseMachine: c.Bool("use-machine"),
				Force:      c.Bool("force"),
				Log:        log,
				Progress:   bar.callback(),
				Shard:      shard,
				Drafts:     c.Bool("drafts"),
			})
			bar.clear()
			if ferr := log.Flush(c.App.ErrWriter); err == nil {
				err = ferr
			}
			if err != nil {
				return err
			}
			for _, l := range sortedKeys(res.From) {
				if !c.Bool("quiet") {
					if line := fallbackLine(l, res.From[l]); line != "" {
						fmt.Fprintln(c.App.ErrWriter, line)
					}
				}
			}
			elapsed := time.Since(start)
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(map[string]any{
					"documents": res.Documents, "segments": res.Segments, "rebuilt": res.Rebuilt,
					"files": res.Files, "untranslated": res.Untranslated, "drafts": res.Drafts, "seconds": elapsed.Seconds(),
				})
			}
			drafts := ""
			if res.Drafts > 0 {
				drafts = ", " + say.Count("DraftLeftOut", res.Drafts)
			}
			fmt.Fprintf(c.App.ErrWriter, "built %s (%s, %s rebuilt%s): %s in %s\n",
				say.Count("Document", res.Documents), say.Count("Segment", res.Segments), say.Number(res.Rebuilt),
				drafts, say.Count("File", res.Files), elapsed.Round(time.Millisecond))
			return nil
		},
	}
}

// draftsFlag builds and exports drafts, as hugo --buildDrafts does.
var draftsFlag = &cli.BoolFlag{Name: "drafts", Usage: "build documents whose front matter says draft: true too"}

// useFuzzyFlag publishes fuzzy translations, as msgfmt --use-fuzzy does.
var useFuzzyFlag = &cli.BoolFlag{Name: "use-fuzzy", Usage: "publish fuzzy translations (the English changed since); they still count as untranslated"}

// useMachineFlag publishes machine drafts no person has accepted yet.
var useMachineFlag = &cli.BoolFlag{Name: "use-machine", Usage: "publish machine drafts (quipu mt); they still count as untranslated"}

// fallbackLine says how many of a locale's segments its pages show in
// another locale, from counts by the locale shown: "es-PE: 3 of 5 segments
// shown in other locales (2 in en, 1 in es)"; "" when all are its own.
func fallbackLine(locale string, from map[string]int) string {
	total, others := 0, 0
	var shown []string // the other locales shown
	for _, src := range sortedKeys(from) {
		total += from[src]
		if src != locale && from[src] > 0 {
			others += from[src]
			shown = append(shown, src)
		}
	}
	head := fmt.Sprintf("%s: %s of %s shown in", locale, say.Number(others), say.Count("Segment", total))
	switch len(shown) {
	case 0:
		return ""
	case 1:
		return head + " " + shown[0]
	}
	parts := make([]string, len(shown))
	for i, src := range shown {
		parts[i] = fmt.Sprintf("%s in %s", say.Number(from[src]), src)
	}
	return fmt.Sprintf("%s other locales (%s)", head, strings.Join(parts, ", "))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
