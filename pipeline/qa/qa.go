// Package qa checks a translation against its source segment: tags,
// numbers, URLs, glossary, punctuation, whitespace, length and the Markdown
// structure it would disturb. Each finding has a stable code and a byte
// offset in the translation.
package qa

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/glossary"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Severities.
const (
	Error   = pipeline.SeverityError
	Warning = pipeline.SeverityWarning
)

// Input is one translated message to check.
type Input struct {
	// Markdown is set when the translation is written into Markdown (a
	// Markdown or plain-text document): the Markdown checks run then.
	Markdown    bool
	Segment     *pipeline.Segment
	Translation string
	Locale      string
	Glossary    *glossary.Glossary
}

// Func is one check: it reads a translation and reports what it finds
// through Translation.Report.
type Func func(t *Translation)

// Checks are quipu's own checks, in the order they run. A check of another
// package joins them where the checks are run (pipeline/project's check.go).
var Checks = []Func{
	checkTags, checkIdentical, checkWhitespace, checkPunctuation, checkNumbers, checkURLs,
	checkGlossary, checkDoubles, checkBrackets, checkStartCase, checkLength, checkInvisible, checkControls, checkReferenced, checkHTML, checkMarkdown, checkSpanish,
}

// Check runs quipu's own checks.
func Check(in Input) []pipeline.Problem { return Run(in, Checks) }

// Run runs checks on a translation and returns the findings in offset
// order.
func Run(in Input, checks []Func) []pipeline.Problem {
	t := &Translation{Input: in, Source: in.Segment.Text, Text: in.Translation}
	t.SourceText = placeholder.Strip(t.Source)
	t.PlainText = placeholder.Strip(t.Text)
	for _, check := range checks {
		check(t)
	}
	sortProblems(t.out)
	return t.out
}

// Translation is a message being checked, as every check sees it.
type Translation struct {
	Input
	// Source and Text are the source message and its translation, with
	// their tags; SourceText and PlainText the same without tags.
	Source, Text          string
	SourceText, PlainText string
	out                   []pipeline.Problem
}

// Report records a finding at byte offset off of the translation.
func (c *Translation) Report(off int, sev pipeline.Severity, code, format string, args ...any) {
	c.out = append(c.out, pipeline.Problem{Offset: off, Severity: sev, Code: code, Msg: fmt.Sprintf(format, args...)})
}

func checkTags(c *Translation) {
	c.out = append(c.out, placeholder.Check(placeholder.Parse(c.Text), c.Segment.Placeholders)...)
}

func checkIdentical(c *Translation) {
	if c.Text == c.Source && hasWords(c.SourceText) {
		c.Report(0, Warning, "identical", "translation is identical to the source")
	}
}

// hasWords reports text with at least two letters in a row outside names
// in capitals and codes: worth translating.
func hasWords(s string) bool {
	for _, w := range strings.Fields(s) {
		lower := 0
		for _, r := range w {
			if unicode.IsLower(r) {
				lower++
			}
		}
		if lower >= 2 {
			return true
		}
	}
	return false
}

func checkWhitespace(c *Translation) {
	lead := func(s string) string { return s[:len(s)-len(strings.TrimLeft(s, " \t\n"))] }
	trail := func(s string) string { return s[len(strings.TrimRight(s, " \t\n")):] }
	if lead(c.Source) != lead(c.Text) {
		c.Report(0, Warning, "whitespace-leading", "leading whitespace %q differs from the source's %q", lead(c.Text), lead(c.Source))
	}
	if trail(c.Source) != trail(c.Text) {
		c.Report(len(strings.TrimRight(c.Text, " \t\n")), Warning, "whitespace-trailing", "trailing whitespace %q differs from the source's %q", trail(c.Text), trail(c.Source))
	}
}

// abbreviations end with a period that is not the sentence's.
var abbreviations = []string{"EE. UU.", "etc.", "Sr.", "Sra.", "Dr.", "Dra.", "a. C.", "d. C.", "p. ej.", "U.S.", "e.g.", "i.e.", "Inc.", "Ltd."}

// finalPunct is the class of a text's closing punctuation.
func finalPunct(s string) string {
	s = strings.TrimRight(s, " \t\n\"'»”)")
	for _, a := range abbreviations {
		if strings.HasSuffix(s, a) {
			return ""
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '?', '!', ':', ';', '…':
		return string(r)
	}
	return ""
}

func checkPunctuation(c *Translation) {
	ps, pt := finalPunct(c.SourceText), finalPunct(c.PlainText)
	if ps != pt && !(ps == "." && pt == "…") {
		if ps == "" {
			ps = "none"
		}
		if pt == "" {
			pt = "none"
		}
		c.Report(len(strings.TrimRight(c.Text, " \t\n")), Warning, "final-punctuation", "ends with %s where the source ends with %s", pt, ps)
	}
}

var (
	numberRE  = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
	ordinalRE = regexp.MustCompile(`^(\d+)(?:st|nd|rd|th)\b`)
	urlRE     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>()"'»]+[^\s<>()"'».,;:!?]`)
)

func checkNumbers(c *Translation) {
	trNums := map[string]bool{}
	for _, n := range numberRE.FindAllString(c.PlainText, -1) {
		trNums[canonicalNumber(n)] = true
	}
	for _, loc := range numberRE.FindAllStringIndex(c.SourceText, -1) {
		n := c.SourceText[loc[0]:loc[1]]
		if trNums[canonicalNumber(n)] {
			continue
		}
		if m := ordinalRE.FindStringSubmatch(c.SourceText[loc[0]:]); m != nil {
			// "20th century" is "siglo XX" in Spanish.
			if strings.Contains(c.PlainText, roman(m[1])) {
				continue
			}
		}
		c.Report(0, Warning, "number", "number %s of the source is not in the translation", n)
	}
}

// canonicalNumber strips group separators so "1,234.5" and "1234.5" match;
// es-PE writes numbers as English does.
func canonicalNumber(n string) string {
	return strings.ReplaceAll(n, ",", "")
}

func roman(decimal string) string {
	n := 0
	fmt.Sscan(decimal, &n)
	if n <= 0 || n > 3999 {
		return "\x00"
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

func checkURLs(c *Translation) {
	for _, u := range urlRE.FindAllString(c.SourceText, -1) {
		if !strings.Contains(c.PlainText, u) {
			c.Report(0, Error, "url", "URL %s of the source is missing or altered", u)
		}
	}
	c.out = append(c.out, AddedLinks(c.Source, c.Text)...)
}

func checkGlossary(c *Translation) {
	for _, t := range c.Glossary.Missing(c.SourceText, c.PlainText) {
		if t.Keep() {
			c.Report(0, Error, "do-not-translate", "%q must stay as it is (glossary)", t.EN)
		} else {
			c.Report(0, Warning, "glossary", "%q should be translated as %q (glossary)", t.EN, t.ES)
		}
	}
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func checkDoubles(c *Translation) {
	if i := strings.Index(c.Text, "  "); i >= 0 && strings.TrimSpace(c.Text[i:]) != "" && !strings.Contains(c.Source, "  ") {
		c.Report(i, Warning, "double-space", "two spaces in a row")
	}
	locs := wordRE.FindAllStringIndex(c.Text, -1)
	for i := 1; i < len(locs); i++ {
		prev, cur := c.Text[locs[i-1][0]:locs[i-1][1]], c.Text[locs[i][0]:locs[i][1]]
		between := c.Text[locs[i-1][1]:locs[i][0]]
		if strings.EqualFold(prev, cur) && strings.TrimSpace(between) == "" && !unicode.IsDigit(rune(cur[0])) {
			c.Report(locs[i][0], Warning, "double-word", "word %q twice in a row", cur)
		}
	}
}

// checkBrackets reports parentheses, brackets and braces that do not pair up
// in the translation while they do in the source (pofilter's "brackets").
func checkBrackets(c *Translation) {
	for _, pair := range [][2]rune{{'(', ')'}, {'[', ']'}, {'{', '}'}, {'«', '»'}, {'“', '”'}} {
		balanced := func(s string) bool {
			depth := 0
			for _, r := range s {
				if r == pair[0] {
					depth++
				} else if r == pair[1] {
					depth--
					if depth < 0 {
						return false
					}
				}
			}
			return depth == 0
		}
		if balanced(c.SourceText) && !balanced(c.PlainText) {
			c.Report(0, Warning, "brackets", "%c and %c do not pair up", pair[0], pair[1])
		}
	}
}

// checkStartCase reports a translation that starts in lower case where the
// source starts with a capital, or the reverse (pofilter's "startcaps").
// Opening ¿ ¡ « and quotes are skipped.
func checkStartCase(c *Translation) {
	first := func(s string) rune {
		for _, r := range s {
			if unicode.IsLetter(r) {
				return r
			}
			if !unicode.IsPunct(r) && !unicode.IsSpace(r) {
				return 0
			}
		}
		return 0
	}
	a, b := first(c.SourceText), first(c.PlainText)
	if a == 0 || b == 0 {
		return
	}
	if unicode.IsUpper(a) != unicode.IsUpper(b) {
		c.Report(0, Warning, "start-case", "starts in %s case where the source starts in %s case", caseName(b), caseName(a))
	}
}

func caseName(r rune) string {
	if unicode.IsUpper(r) {
		return "upper"
	}
	return "lower"
}

func checkLength(c *Translation) {
	ls, lt := utf8.RuneCountInString(c.SourceText), utf8.RuneCountInString(c.PlainText)
	if ls < 20 {
		return
	}
	// English to Spanish runs 10-30% longer; far outside that, text was
	// probably lost or pasted twice.
	if r := float64(lt) / float64(ls); r < 0.6 || r > 2.2 {
		c.Report(0, Warning, "length", "translation is %.0f%% of the source's length (usual: 100-130%%)", r*100)
	}
}

var (
	// A "[label]:" line is a link reference or footnote definition, which
	// hides its words; ": " starts a definition in Hugo's Markdown.
	blockStartRE = regexp.MustCompile(`^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|={2,}\s*$|-{2,}\s*$|` + "```" + `|~~~| {4}|\[[^\]]*\]:|:\s)`)
	htmlRE       = regexp.MustCompile(`<[A-Za-z!?/][^>]*>`)
	inlineMDRE   = regexp.MustCompile("\\*\\*|__|`|\\]\\(|!\\[|\\[[^\\]]*\\]\\[")
)

// checkMarkdown finds what would change the document's Markdown structure. quipu
// escapes it on output, so the page is safe either way, but the reader
// would see the raw syntax: the translator should know.
func checkMarkdown(c *Translation) {
	if !c.Markdown {
		return
	}
	kind := c.Segment.Kind
	lineStart := kind == pipeline.KindParagraph || kind == pipeline.KindListItem
	for _, t := range placeholder.Parse(c.Text) {
		if t.Kind != placeholder.Text {
			lineStart = false
			continue
		}
		s := t.Text
		for i := 0; i < len(s); i++ {
			if lineStart && s[i] != '\n' {
				rest := strings.TrimLeft(s[i:], " ")
				if m := blockStartRE.FindString(s[i:]); m != "" || (rest != s[i:] && blockStartRE.MatchString(rest)) {
					c.Report(t.Offset+i, Error, "markdown-block", "a line starting %q would start a new Markdown block (heading, list, quote, code, definition)", firstRunes(s[i:], 4))
				}
				lineStart = false
			}
			if s[i] == '\n' {
				if i+1 < len(s) && s[i+1] == '\n' || strings.TrimSpace(lineAt(s, i+1)) == "" && i+1 < len(s) {
					c.Report(t.Offset+i, Error, "markdown-blank-line", "a blank line would split the paragraph")
				}
				if c.Segment.SingleLine {
					c.Report(t.Offset+i, Error, "markdown-line-break", "a line break cannot stand in a %s", kind)
				}
				lineStart = true
			}
			if s[i] == '|' && kind == pipeline.KindTableCell {
				c.Report(t.Offset+i, Error, "markdown-table-pipe", "| would split the table cell")
			}
		}
		for _, loc := range inlineMDRE.FindAllStringIndex(s, -1) {
			c.Report(t.Offset+loc[0], Warning, "markdown-inline", "Markdown syntax %q is shown as text; use the source's tags for markup", s[loc[0]:loc[1]])
		}
		if strings.HasSuffix(s, "\\") {
			c.Report(t.Offset+len(s)-1, Warning, "markdown-backslash", "a trailing backslash is shown as text")
		}
	}
}

func lineAt(s string, i int) string {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return s[i : i+j]
	}
	return s[i:]
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

var (
	vosotrosRE = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(vosotr[oa]s|vuestr[oa]s?|os)(?:[^\p{L}]|$)`)
	eeuuRE     = regexp.MustCompile(`EEUU|EE\.UU\.|EE\.\s?UU(?:[^.]|$)|E\.E\.U\.U\.`)
	euroNumRE  = regexp.MustCompile(`\b\d{1,3}(?:\.\d{3})+,\d+\b`)
)

// checkSpanish holds the checks for Spanish as written in Peru.
func checkSpanish(c *Translation) {
	if !strings.HasPrefix(strings.ToLower(c.Locale), "es") {
		return
	}
	c.pairs('¿', '?')
	c.pairs('¡', '!')
	if loc := vosotrosRE.FindStringSubmatchIndex(c.Text); loc != nil {
		c.Report(loc[2], Warning, "vosotros", "%q: Peruvian Spanish addresses readers as ustedes", c.Text[loc[2]:loc[3]])
	}
	if loc := eeuuRE.FindStringIndex(c.Text); loc != nil {
		c.Report(loc[0], Warning, "eeuu", "write EE. UU. (with a space)")
	}
	if loc := euroNumRE.FindStringIndex(c.Text); loc != nil {
		c.Report(loc[0], Warning, "number-format", "%s: es-PE writes numbers as 1,234.56", c.Text[loc[0]:loc[1]])
	}
	if i := strings.IndexByte(c.PlainText, '"'); i >= 0 && !strings.Contains(c.SourceText, `"`) {
		c.Report(0, Warning, "quotes", "straight quotes: Peruvian press uses « » or “ ”")
	}
}

// pairs checks that each sentence with a closing ? or ! opens with ¿ or ¡
// and the reverse.
func (c *Translation) pairs(open, close rune) {
	depth, start := 0, 0
	for i, r := range c.Text {
		switch r {
		case open:
			depth++
			start = i
		case close:
			if depth == 0 {
				c.Report(i, Warning, "unpaired-"+string(close), "%c without an opening %c", close, open)
				continue
			}
			depth--
		}
	}
	if depth > 0 {
		c.Report(start, Warning, "unpaired-"+string(open), "%c without a closing %c", open, close)
	}
}

func sortProblems(ps []pipeline.Problem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Offset < ps[j-1].Offset; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// checkControls reports control and invisible characters (see Controls).
func checkControls(c *Translation) { c.out = append(c.out, Controls(c.Text)...) }
