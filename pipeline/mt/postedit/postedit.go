// Package postedit rewrites machine drafts as Spanish is written in Peru:
// ustedes for vosotros, EE. UU., numbers as es-PE writes them, and the
// glossary's terms kept. Every rule is a pure function of text.
package postedit

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"golang.org/x/text/language"
)

// Options are what the rules need to know of the project.
type Options struct {
	// Locale is the draft's locale; the Spanish rules run for Spanish
	// only, the number rule for any.
	Locale language.Tag
	// Glossary's translate = false terms must come through as written.
	Glossary *glossary.Glossary
}

// Rule names, as Apply reports the rules that changed a draft.
const (
	RuleUstedes  = "ustedes"
	RuleEEUU     = "EE. UU."
	RuleInverted = "¿¡"
	RuleElPeru   = "el Perú"
	RuleNumbers  = "numbers"
	RuleGlossary = "glossary"
)

// Apply runs every rule on a draft of source, rules changing text only,
// never tags. It returns the draft, the rules that changed it, and a
// reason when the draft must be dropped (a translate = false term the
// engine altered beyond repair).
func Apply(source, draft string, opt Options) (text string, fixed []string, dropped string) {
	text = draft
	step := func(name string, rule func(string) string) {
		if out := onText(text, rule); out != text {
			text = out
			fixed = append(fixed, name)
		}
	}
	base, _ := opt.Locale.Base()
	if base.String() == "es" {
		step(RuleUstedes, Ustedes)
		step(RuleEEUU, EEUU)
		step(RuleInverted, Inverted)
		if opt.Locale == language.MustParse("es-PE") {
			step(RuleElPeru, ElPeru)
		}
	}
	step(RuleNumbers, func(s string) string { return Numbers(source, s, opt.Locale) })
	out, why := KeepTerms(source, text, opt.Glossary)
	if why != "" {
		return text, fixed, why
	}
	if out != text {
		text = out
		fixed = append(fixed, RuleGlossary)
	}
	return text, fixed, ""
}

// onText applies a rule to the text between a message's tags, so no
// rule can touch a tag; a rule sees the whole text at once (tags stood
// for by a private-use character), so that words on both sides of a tag
// are read together.
func onText(msg string, rule func(string) string) string {
	const mark = '\uE000'
	if !strings.ContainsRune(msg, '<') {
		return rule(msg)
	}
	toks := placeholder.Parse(msg)
	var b strings.Builder
	var tags []string
	for _, t := range toks {
		if t.Kind == placeholder.Text {
			b.WriteString(t.Text)
			continue
		}
		tags = append(tags, t.Text)
		b.WriteRune(mark)
	}
	out := rule(b.String())
	if strings.Count(out, string(mark)) != len(tags) {
		return msg // the rule lost a tag: leave the draft as it was
	}
	var r strings.Builder
	i := 0
	for _, c := range out {
		if c == mark {
			r.WriteString(tags[i])
			i++
			continue
		}
		r.WriteRune(c)
	}
	return r.String()
}

var wordRE = regexp.MustCompile(`\p{L}+`)

// pronouns are the vosotros pronouns and possessives, and what Peru says.
var pronouns = map[string]string{
	"vosotros": "ustedes", "vosotras": "ustedes",
	"vuestro": "su", "vuestra": "su", "vuestros": "sus", "vuestras": "sus",
}

// standalone possessives after an article: el vuestro → el suyo.
var possessives = map[string]string{"vuestro": "suyo", "vuestra": "suya", "vuestros": "suyos", "vuestras": "suyas"}

// Ustedes rewrites vosotros forms as Peru addresses readers: pronouns and
// possessives (vosotros → ustedes, vuestra casa → su casa, el vuestro →
// el suyo), the verbs of a list of common ones (see verbs) in the present,
// present subjunctive, imperative, preterite, imperfect, future and
// conditional (habláis → hablan, tened → tengan, dijisteis → dijeron,
// tendréis → tendrán), and the clitic os: se before one of those verbs
// (os preparáis → se preparan), les elsewhere (os digo → les digo).
func Ustedes(s string) string {
	locs := wordRE.FindAllStringIndex(s, -1)
	words := make([]string, len(locs))
	for i, l := range locs {
		words[i] = s[l[0]:l[1]]
	}
	out := make([]string, len(words))
	copy(out, words)
	for i, w := range words {
		lw := strings.ToLower(w)
		if r, ok := pronouns[lw]; ok {
			if i > 0 && isArticle(words[i-1]) && adjacent(s, locs[i-1], locs[i]) {
				r = possessives[lw]
			}
			out[i] = matchCase(w, r)
			continue
		}
		if r, ok := ustedesForms[lw]; ok {
			out[i] = matchCase(w, r)
			continue
		}
		if lw == "os" && w != "OS" { // OS: an operating system, left in English
			r := "les"
			if i+1 < len(words) && (ustedesForms[strings.ToLower(words[i+1])] != "" || accusative(words[i+1])) {
				// Before lo, la, los, las, les turns se, as "se lo
				// dije" says it (never "les lo dije").
				r = "se"
			}
			out[i] = matchCase(w, r)
		}
	}
	var b strings.Builder
	last := 0
	for i, l := range locs {
		b.WriteString(s[last:l[0]])
		b.WriteString(out[i])
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// accusative reports a third-person object pronoun, which a dative
// before it turns into se.
func accusative(w string) bool {
	switch strings.ToLower(w) {
	case "lo", "la", "los", "las":
		return true
	}
	return false
}

func isArticle(w string) bool {
	switch strings.ToLower(w) {
	case "el", "la", "los", "las", "lo":
		return true
	}
	return false
}

// adjacent reports whether only spaces part two words.
func adjacent(s string, a, b []int) bool {
	return strings.TrimSpace(s[a[1]:b[0]]) == ""
}

// matchCase gives r the capitalization of w: all capitals, a capital
// first letter, or none.
func matchCase(w, r string) string {
	if w == strings.ToUpper(w) && utf8.RuneCountInString(w) > 1 {
		return strings.ToUpper(r)
	}
	first, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(first) {
		c, n := utf8.DecodeRuneInString(r)
		return string(unicode.ToUpper(c)) + r[n:]
	}
	return r
}

// eeuuRE finds the abbreviations of Estados Unidos written otherwise
// than the RAE's EE. UU.: EE.UU., EEUU, EE UU, E.E.U.U. and EE. UU
// without its last period.
var eeuuRE = regexp.MustCompile(`\b(?:EE\.?[ \x{00a0}]?UU\b\.?|E\.E\.U\.U\.)(\.*)`)

// EEUU writes Estados Unidos' abbreviation as the RAE and the Peruvian
// press do: EE. UU., with a space (the page's typography makes it a
// no-break space). At a sentence's end the abbreviation's period is the
// sentence's too ("a los EE. UU."), never doubled; an ellipsis after it
// is kept.
func EEUU(s string) string {
	return eeuuRE.ReplaceAllStringFunc(s, func(m string) string {
		trail := len(m) - len(strings.TrimRight(m, "."))
		if trail <= 2 {
			// The abbreviation's own period, and the sentence's merged
			// with it.
			return "EE. UU."
		}
		return "EE. UU" + strings.Repeat(".", trail)
	})
}
