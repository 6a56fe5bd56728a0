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
	// Format is the document's; Markdown checks run for Markdown and
	// plain text, which is built through Markdown.
	Format      pipeline.Format
	Segment     *pipeline.Segment
	Translation string
	Locale      string
	Glossary    *glossary.Glossary
}

// Check runs every check and returns the findings in offset order.
func Check(in Input) []pipeline.Problem {
	c := &checker{in: in, src: in.Segment.Text, tr: in.Translation}
	c.srcText = placeholder.Strip(c.src)
	c.trText = placeholder.Strip(c.tr)
	c.tags()
	c.identical()
	c.whitespace()
	c.punctuation()
	c.numbers()
	c.urls()
	c.glossary()
	c.doubles()
	c.brackets()
	c.startCase()
	c.length()
	c.invisible()
	c.out = append(c.out, Controls(c.tr)...)
	if in.Format != pipeline.FormatHTML {
		// Markdown readers decode character references; quipu's HTML
		// documents show them as typed.
		c.out = append(c.out, Referenced(c.src, c.tr)...)
		c.markdown()
	}
	if strings.HasPrefix(strings.ToLower(in.Locale), "es") {
		c.spanish()
	}
	sortProblems(c.out)
	return c.out
}

type checker struct {
	in              Input
	src, tr         string // messages with tags
	srcText, trText string // tags removed
	out             []pipeline.Problem
}

func (c *checker) add(off int, sev pipeline.Severity, code, format string, args ...any) {
	c.out = append(c.out, pipeline.Problem{Offset: off, Severity: sev, Code: code, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) tags() {
	c.out = append(c.out, placeholder.Check(placeholder.Parse(c.tr), c.in.Segment.Placeholders)...)
}

func (c *checker) identical() {
	if c.tr == c.src && hasWords(c.srcText) {
		c.add(0, Warning, "identical", "translation is identical to the source")
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

func (c *checker) whitespace() {
	lead := func(s string) string { return s[:len(s)-len(strings.TrimLeft(s, " \t\n"))] }
	trail := func(s string) string { return s[len(strings.TrimRight(s, " \t\n")):] }
	if lead(c.src) != lead(c.tr) {
		c.add(0, Warning, "whitespace-leading", "leading whitespace %q differs from the source's %q", lead(c.tr), lead(c.src))
	}
	if trail(c.src) != trail(c.tr) {
		c.add(len(strings.TrimRight(c.tr, " \t\n")), Warning, "whitespace-trailing", "trailing whitespace %q differs from the source's %q", trail(c.tr), trail(c.src))
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

func (c *checker) punctuation() {
	ps, pt := finalPunct(c.srcText), finalPunct(c.trText)
	if ps != pt && !(ps == "." && pt == "…") {
		if ps == "" {
			ps = "none"
		}
		if pt == "" {
			pt = "none"
		}
		c.add(len(strings.TrimRight(c.tr, " \t\n")), Warning, "final-punctuation", "ends with %s where the source ends with %s", pt, ps)
	}
}

var (
	numberRE  = regexp.MustCompile(`\d+(?:[.,]\d+)*`)
	ordinalRE = regexp.MustCompile(`^(\d+)(?:st|nd|rd|th)\b`)
	urlRE     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>()"'»]+[^\s<>()"'».,;:!?]`)
)

func (c *checker) numbers() {
	trNums := map[string]bool{}
	for _, n := range numberRE.FindAllString(c.trText, -1) {
		trNums[canonicalNumber(n)] = true
	}
	for _, loc := range numberRE.FindAllStringIndex(c.srcText, -1) {
		n := c.srcText[loc[0]:loc[1]]
		if trNums[canonicalNumber(n)] {
			continue
		}
		if m := ordinalRE.FindStringSubmatch(c.srcText[loc[0]:]); m != nil {
			// "20th century" is "siglo XX" in Spanish.
			if strings.Contains(c.trText, roman(m[1])) {
				continue
			}
		}
		c.add(0, Warning, "number", "number %s of the source is not in the translation", n)
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

func (c *checker) urls() {
	for _, u := range urlRE.FindAllString(c.srcText, -1) {
		if !strings.Contains(c.trText, u) {
			c.add(0, Error, "url", "URL %s of the source is missing or altered", u)
		}
	}
	c.out = append(c.out, AddedLinks(c.src, c.tr)...)
}

func (c *checker) glossary() {
	for _, t := range c.in.Glossary.Missing(c.srcText, c.trText) {
		if t.Keep() {
			c.add(0, Error, "do-not-translate", "%q must stay as it is (glossary)", t.EN)
		} else {
			c.add(0, Warning, "glossary", "%q should be translated as %q (glossary)", t.EN, t.ES)
		}
	}
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func (c *checker) doubles() {
	if i := strings.Index(c.tr, "  "); i >= 0 && strings.TrimSpace(c.tr[i:]) != "" && !strings.Contains(c.src, "  ") {
		c.add(i, Warning, "double-space", "two spaces in a row")
	}
	locs := wordRE.FindAllStringIndex(c.tr, -1)
	for i := 1; i < len(locs); i++ {
		prev, cur := c.tr[locs[i-1][0]:locs[i-1][1]], c.tr[locs[i][0]:locs[i][1]]
		between := c.tr[locs[i-1][1]:locs[i][0]]
		if strings.EqualFold(prev, cur) && strings.TrimSpace(between) == "" && !unicode.IsDigit(rune(cur[0])) {
			c.add(locs[i][0], Warning, "double-word", "word %q twice in a row", cur)
		}
	}
}

// brackets reports parentheses, brackets and braces that do not pair up
// in the translation while they do in the source (pofilter's "brackets").
func (c *checker) brackets() {
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
		if balanced(c.srcText) && !balanced(c.trText) {
			c.add(0, Warning, "brackets", "%c and %c do not pair up", pair[0], pair[1])
		}
	}
}

// startCase reports a translation that starts in lower case where the
// source starts with a capital, or the reverse (pofilter's "startcaps").
// Opening ¿ ¡ « and quotes are skipped.
func (c *checker) startCase() {
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
	a, b := first(c.srcText), first(c.trText)
	if a == 0 || b == 0 {
		return
	}
	if unicode.IsUpper(a) != unicode.IsUpper(b) {
		c.add(0, Warning, "start-case", "starts in %s case where the source starts in %s case", caseName(b), caseName(a))
	}
}

func caseName(r rune) string {
	if unicode.IsUpper(r) {
		return "upper"
	}
	return "lower"
}

func (c *checker) length() {
	ls, lt := utf8.RuneCountInString(c.srcText), utf8.RuneCountInString(c.trText)
	if ls < 20 {
		return
	}
	// English to Spanish runs 10-30% longer; far outside that, text was
	// probably lost or pasted twice.
	if r := float64(lt) / float64(ls); r < 0.6 || r > 2.2 {
		c.add(0, Warning, "length", "translation is %.0f%% of the source's length (usual: 100-130%%)", r*100)
	}
}

var (
	// A "[label]:" line is a link reference or footnote definition, which
	// hides its words; ": " starts a definition in Hugo's Markdown.
	blockStartRE = regexp.MustCompile(`^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|={2,}\s*$|-{2,}\s*$|` + "```" + `|~~~| {4}|\[[^\]]*\]:|:\s)`)
	htmlRE       = regexp.MustCompile(`<[A-Za-z!?/][^>]*>`)
	inlineMDRE   = regexp.MustCompile("\\*\\*|__|`|\\]\\(|!\\[|\\[[^\\]]*\\]\\[")
)

// markdown finds what would change the document's Markdown structure. quipu
// escapes it on output, so the page is safe either way, but the reader
// would see the raw syntax: the translator should know.
func (c *checker) markdown() {
	kind := c.in.Segment.Kind
	lineStart := kind == pipeline.KindParagraph || kind == pipeline.KindListItem
	for _, t := range placeholder.Parse(c.tr) {
		if t.Kind != placeholder.Text {
			lineStart = false
			continue
		}
		s := t.Text
		for i := 0; i < len(s); i++ {
			if lineStart && s[i] != '\n' {
				rest := strings.TrimLeft(s[i:], " ")
				if m := blockStartRE.FindString(s[i:]); m != "" || (rest != s[i:] && blockStartRE.MatchString(rest)) {
					c.add(t.Offset+i, Error, "markdown-block", "a line starting %q would start a new Markdown block (heading, list, quote, code, definition)", firstRunes(s[i:], 4))
				}
				lineStart = false
			}
			if s[i] == '\n' {
				if i+1 < len(s) && s[i+1] == '\n' || strings.TrimSpace(lineAt(s, i+1)) == "" && i+1 < len(s) {
					c.add(t.Offset+i, Error, "markdown-blank-line", "a blank line would split the paragraph")
				}
				if c.in.Segment.SingleLine {
					c.add(t.Offset+i, Error, "markdown-line-break", "a line break cannot stand in a %s", kind)
				}
				lineStart = true
			}
			if s[i] == '|' && kind == pipeline.KindTableCell {
				c.add(t.Offset+i, Error, "markdown-table-pipe", "| would split the table cell")
			}
		}
		for _, loc := range htmlRE.FindAllStringIndex(s, -1) {
			c.add(t.Offset+loc[0], Error, "html", "HTML %s in a translation is shown as text; use the source's tags", s[loc[0]:loc[1]])
		}
		for _, loc := range inlineMDRE.FindAllStringIndex(s, -1) {
			c.add(t.Offset+loc[0], Warning, "markdown-inline", "Markdown syntax %q is shown as text; use the source's tags for markup", s[loc[0]:loc[1]])
		}
		if strings.HasSuffix(s, "\\") {
			c.add(t.Offset+len(s)-1, Warning, "markdown-backslash", "a trailing backslash is shown as text")
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

// spanish holds the checks for Spanish as written in Peru.
func (c *checker) spanish() {
	c.pairs('¿', '?')
	c.pairs('¡', '!')
	if loc := vosotrosRE.FindStringSubmatchIndex(c.tr); loc != nil {
		c.add(loc[2], Warning, "vosotros", "%q: Peruvian Spanish addresses readers as ustedes", c.tr[loc[2]:loc[3]])
	}
	if loc := eeuuRE.FindStringIndex(c.tr); loc != nil {
		c.add(loc[0], Warning, "eeuu", "write EE. UU. (with a space)")
	}
	if loc := euroNumRE.FindStringIndex(c.tr); loc != nil {
		c.add(loc[0], Warning, "number-format", "%s: es-PE writes numbers as 1,234.56", c.tr[loc[0]:loc[1]])
	}
	if i := strings.IndexByte(c.trText, '"'); i >= 0 && !strings.Contains(c.srcText, `"`) {
		c.add(0, Warning, "quotes", "straight quotes: Peruvian press uses « » or “ ”")
	}
}

// pairs checks that each sentence with a closing ? or ! opens with ¿ or ¡
// and the reverse.
func (c *checker) pairs(open, close rune) {
	depth, start := 0, 0
	for i, r := range c.tr {
		switch r {
		case open:
			depth++
			start = i
		case close:
			if depth == 0 {
				c.add(i, Warning, "unpaired-"+string(close), "%c without an opening %c", close, open)
				continue
			}
			depth--
		}
	}
	if depth > 0 {
		c.add(start, Warning, "unpaired-"+string(open), "%c without a closing %c", open, close)
	}
}

func sortProblems(ps []pipeline.Problem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Offset < ps[j-1].Offset; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
