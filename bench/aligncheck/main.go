// Command aligncheck measures what `quipu align` wrote into a project: the
// share of source segments aligned, and among the aligned ones with
// numbers or URLs, the share whose numbers and URLs agree with the
// English; it prints a sample of pairs for a person to read.
//
//	go run ./bench/aligncheck -project DIR [-locale es-PE] [-sample 50] [-seed 1]
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/align"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

type pair struct {
	doc, id, en, es, note string
}

func main() {
	project := flag.String("project", ".", "the project quipu align wrote into")
	locale := flag.String("locale", "es-PE", "the locale aligned")
	sample := flag.Int("sample", 50, "pairs to print for reading")
	seed := flag.Uint64("seed", 1, "seed of the sample")
	flag.Parse()
	if err := run(*project, *locale, *sample, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "aligncheck:", err)
		os.Exit(1)
	}
}

func read(name string) (*catalog.File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return catalog.Parse(name, data)
}

// langLinks are the language parts of page names (ch01.en.html,
// ch01.es.html): a link to the page's own translation agrees.
var langLinks = regexp.MustCompile(`\.(en|es)\.html`)

func run(project, locale string, sample int, seed uint64) error {
	targets, err := filepath.Glob(filepath.Join(project, "locales", locale, "*."+locale+".toml"))
	if err != nil {
		return err
	}
	var total, aligned, doubtful, anchored, agree int
	var pairs, disagree []pair
	for _, tName := range targets {
		base := strings.TrimSuffix(filepath.Base(tName), "."+locale+".toml")
		if strings.HasSuffix(base, ".obsolete") {
			continue
		}
		src, err := read(filepath.Join(project, "locales", "en", base+".en.toml"))
		if err != nil {
			return err
		}
		tgt, err := read(tName)
		if err != nil {
			return err
		}
		en := src.Index()
		for _, m := range tgt.Messages {
			total++
			if m.State != catalog.Aligned {
				continue
			}
			aligned++
			if strings.HasPrefix(m.Provenance, "0.") && m.Provenance < "0.5" {
				doubtful++
			}
			p := pair{base, m.ID, en[m.ID].Other, m.Other, m.Provenance}
			pairs = append(pairs, p)
			// Numbers and URLs, from the text (markup is the source's
			// tags: code matched by its content when it was mapped).
			a := align.AnchorsOf(langLinks.ReplaceAllString(p.en, ".html"), nil)
			b := align.AnchorsOf(langLinks.ReplaceAllString(p.es, ".html"), nil)
			if !hasHard(a) && !hasHard(b) {
				continue
			}
			anchored++
			if align.Hard(a, b) {
				agree++
			} else {
				disagree = append(disagree, p)
			}
		}
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	fmt.Printf("segments %d, aligned %d (%.1f%%), doubtful %d (%.1f%% of aligned)\n", total, aligned, pct(aligned, total), doubtful, pct(doubtful, aligned))
	fmt.Printf("aligned with numbers or URLs: %d; they agree in %d (%.1f%%)\n", anchored, agree, pct(agree, anchored))
	sort.Slice(disagree, func(i, j int) bool { return disagree[i].id < disagree[j].id })
	for i, p := range disagree {
		if i == 10 {
			fmt.Printf("… and %d more disagreeing\n", len(disagree)-10)
			break
		}
		fmt.Printf("DISAGREE %s %s\n  en: %s\n  es: %s\n", p.doc, p.note, p.en, p.es)
	}
	r := rand.New(rand.NewPCG(seed, seed))
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	for i, p := range pairs[:min(sample, len(pairs))] {
		fmt.Printf("\n#%d %s %s\n  en: %s\n  es: %s\n", i+1, p.doc, p.note, p.en, p.es)
	}
	return nil
}

func hasHard(a align.Anchors) bool {
	for k := range a {
		if !strings.HasPrefix(k, "w:") && !strings.HasPrefix(k, "l:") {
			return true
		}
	}
	return false
}
