package postedit

import (
	"regexp"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// KeepTerms enforces the glossary's translate = false terms: a term the
// source uses must come through as written. One the engine changed only
// in case or spacing (Csl, C S L is not) is put back as the glossary
// writes it; one it translated or lost drops the draft, with the reason.
func KeepTerms(source, draft string, g *glossary.Glossary) (string, string) {
	plain := placeholder.Strip(source)
	for _, t := range g.In(plain) {
		if !t.Keep() {
			continue
		}
		loose := regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}])(` + looseTerm(t.EN) + `)((?:e?s)?(?:[^\p{L}\p{N}]|$))`)
		draft = loose.ReplaceAllString(draft, "${1}"+strings.ReplaceAll(t.EN, "$", "$$")+"${3}")
		if missing(g, plain, draft, t) {
			return draft, "the glossary keeps " + quote(t.EN) + " as it is, and the engine changed it"
		}
	}
	return draft, ""
}

// missing reports whether term t is among those the draft lacks.
func missing(g *glossary.Glossary, source, draft string, t *glossary.Term) bool {
	for _, m := range g.Missing(source, placeholder.Strip(draft)) {
		if m == t {
			return true
		}
	}
	return false
}

// looseTerm matches a term whatever its case and spacing.
func looseTerm(en string) string {
	words := strings.Fields(en)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(words, `\s+`)
}

func quote(s string) string { return "«" + s + "»" }
