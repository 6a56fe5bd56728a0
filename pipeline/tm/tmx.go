package tm

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// Tags says how a TMX file shows the tags of a message.
type Tags int

const (
	// TagsText writes tags as the message files and PO files show them,
	// "<1>…</1>" as text, so a CAT tool translating PO files matches
	// tagged segments against the memory.
	TagsText Tags = iota
	// TagsCodes writes TMX inline codes holding the source's markup:
	// <bpt>/<ept> for pairs, <ph> for standalone codes, as XLIFF files
	// carry them.
	TagsCodes
)

// ParseTags reads a --tags value.
func ParseTags(s string) (Tags, error) {
	switch s {
	case "", "text":
		return TagsText, nil
	case "codes":
		return TagsCodes, nil
	}
	return 0, fmt.Errorf("unknown tag style %q (text for PO, codes for XLIFF)", s)
}

// WriteTMX writes entries as a TMX 1.4 document, tags shown as the style
// says.
func WriteTMX(w io.Writer, srcLang, tgtLang, version string, entries []Entry, tags Tags) error {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n")
	fmt.Fprintf(&b, "  <header creationtool=\"quipu\" creationtoolversion=\"%s\" datatype=\"markdown\" segtype=\"paragraph\" adminlang=\"en\" srclang=\"%s\" o-tmf=\"quipu\"/>\n", esc(version), esc(srcLang))
	b.WriteString("  <body>\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "    <tu tuid=\"%s\">\n", esc(e.ID))
		fmt.Fprintf(&b, "      <prop type=\"x-document\">%s</prop>\n", esc(e.Doc))
		if e.Reviewed {
			b.WriteString("      <prop type=\"x-state\">reviewed</prop>\n")
		}
		fmt.Fprintf(&b, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", esc(srcLang), seg(e.Source, e.Placeholders, tags))
		fmt.Fprintf(&b, "      <tuv xml:lang=\"%s\"><seg>%s</seg></tuv>\n", esc(tgtLang), seg(e.Target, e.Placeholders, tags))
		b.WriteString("    </tu>\n")
	}
	b.WriteString("  </body>\n</tmx>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func seg(text string, phs []pipeline.Placeholder, tags Tags) string {
	if tags == TagsText {
		return esc(text)
	}
	var b strings.Builder
	for _, t := range placeholder.Parse(text) {
		m := esc(placeholder.Markup(t, phs))
		switch t.Kind {
		case placeholder.Text:
			b.WriteString(m)
		case placeholder.Open:
			fmt.Fprintf(&b, `<bpt i="%d" x="%d">%s</bpt>`, t.N, t.N, m)
		case placeholder.Close:
			fmt.Fprintf(&b, `<ept i="%d">%s</ept>`, t.N, m)
		case placeholder.Standalone:
			fmt.Fprintf(&b, `<ph x="%d">%s</ph>`, t.N, m)
		}
	}
	return b.String()
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
