// Package po writes message files as gettext PO files for translation
// tools and reads the tools' files back, checking every entry.
package po

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/exchange"
)

// Width is the column gettext wraps lines at.
const Width = 79

// Header fields quipu writes beyond gettext's own.
const (
	DocumentField       = "X-Quipu-Document"
	SourceLanguageField = "X-Source-Language" // as Poedit names it
	BaseNote            = "quipu-base: "      // extracted comment holding the fingerprint
	// ReviewedNote marks a reviewed translation. It is a note, not a
	// flag: gettext tools drop flags they do not know, and a translator
	// editing the text would not remove one.
	ReviewedNote = "reviewed"
)

// pluralForms are the Plural-Forms lines of the languages quipu knows;
// messages are never plural, but tools and msgfmt expect the header.
var pluralForms = map[string]string{
	"es": "nplurals=2; plural=(n != 1);",
	"en": "nplurals=2; plural=(n != 1);",
	"de": "nplurals=2; plural=(n != 1);",
	"it": "nplurals=2; plural=(n != 1);",
	"nl": "nplurals=2; plural=(n != 1);",
	"pt": "nplurals=2; plural=(n != 1);",
	"qu": "nplurals=2; plural=(n != 1);",
	"fr": "nplurals=2; plural=(n > 1);",
	"ja": "nplurals=1; plural=0;",
	"ko": "nplurals=1; plural=0;",
	"zh": "nplurals=1; plural=0;",
}

// Language turns a BCP 47 tag into the form PO headers use: es-PE
// becomes es_PE.
func Language(tag string) string { return strings.ReplaceAll(tag, "-", "_") }

// Encode writes one document's messages in one locale as a PO file:
// msgctxt is the message ID, msgid the English with its tags, msgstr the
// translation. A fuzzy translation carries gettext's fuzzy flag and the
// English it was made from; a translation the build rejects carries the
// fuzzy flag too (its notes say why); a reviewed one is a translated entry with a
// "reviewed" note, and comes back reviewed unless its text changed.
func Encode(f *exchange.File) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# quipu: %s translation of %s.\n", f.Locale, f.Document)
	b.WriteString("# msgctxt is the message ID. Tags such as <1>…</1> and <2/> stand for the\n")
	b.WriteString("# source's markup: keep each one, and move it where the sentence needs it.\n")
	b.WriteString("#\n")
	writeString(&b, "", "msgid", "")
	header := []string{
		"Project-Id-Version: quipu",
		"PO-Revision-Date: ",
		"Last-Translator: ",
		"Language-Team: ",
		"Language: " + Language(f.Locale),
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
	}
	lang, _, _ := strings.Cut(f.Locale, "-")
	if pf, ok := pluralForms[strings.ToLower(lang)]; ok {
		header = append(header, "Plural-Forms: "+pf)
	}
	header = append(header, SourceLanguageField+": "+f.SourceLocale, DocumentField+": "+f.Document)
	writeString(&b, "", "msgstr", strings.Join(header, "\n")+"\n")
	for _, u := range f.Units {
		b.WriteByte('\n')
		for _, c := range u.Comments {
			b.WriteString(comment("# ", strings.TrimSpace(c)))
		}
		b.WriteString(comment("#. ", fmt.Sprintf("%s · %s", u.Kind, f.Location(u))))
		if legend := u.TagLegend(); legend != "" {
			b.WriteString(comment("#. ", "tags: "+legend))
		}
		for _, n := range u.Notes {
			b.WriteString(comment("#. ", n))
		}
		if u.State == catalog.Reviewed {
			b.WriteString(comment("#. ", ReviewedNote))
		}
		if u.Provenance != "" {
			b.WriteString(comment("#. ", u.Provenance))
		}
		b.WriteString(comment("#. ", BaseNote+u.Base))
		fmt.Fprintf(&b, "#: %s:%d\n", reference(f.Document), u.Line)
		switch {
		case u.Rejected && u.Target != "":
			// Work to do, as XLIFF's "initial": the notes say why.
			b.WriteString("#, fuzzy\n")
		case u.State == catalog.Machine:
			// Work to do, as gettext marks what a machine filled in.
			b.WriteString("#, fuzzy\n")
		case u.State == catalog.Aligned:
			// Fuzzy, as gettext tools know drafts, and the draft's own
			// flag, which they keep, to bring it back as it went.
			b.WriteString("#, fuzzy, aligned\n")
		case u.State == catalog.Stale:
			b.WriteString("#, fuzzy\n")
			if u.Previous != "" {
				// As msgmerge --previous writes it: the context is the
				// ID, made from the English, so it changed with it.
				writeString(&b, "#| ", "msgctxt", pipeline.SegmentID(u.Previous))
				writeString(&b, "#| ", "msgid", u.Previous)
			}
		}
		writeString(&b, "", "msgctxt", u.ID)
		writeString(&b, "", "msgid", u.Source)
		writeString(&b, "", "msgstr", u.Target)
	}
	return []byte(b.String())
}

// comment writes a comment that may span lines, each line prefixed.
func comment(prefix, text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(strings.TrimRight(prefix+line, " ") + "\n")
	}
	return b.String()
}

// reference quotes a file name for a "#:" line the way gettext does when
// it holds a space, which would otherwise split the reference.
func reference(path string) string {
	if strings.ContainsAny(path, " \t") {
		return "\u2068" + path + "\u2069"
	}
	return path
}

// writeString writes `keyword "s"`, wrapped as gettext wraps: when the
// string holds a line break before its end or is too long for one line,
// an empty first string, then one line per source line, long lines broken
// after spaces so that none passes Width.
func writeString(b *strings.Builder, prefix, keyword, s string) {
	pieces := splitAfterNewlines(s)
	first := prefix + keyword + ` "` + escape(s) + `"`
	if len(pieces) <= 1 && utf8.RuneCountInString(first) <= Width {
		b.WriteString(first + "\n")
		return
	}
	b.WriteString(prefix + keyword + ` ""` + "\n")
	room := Width - utf8.RuneCountInString(prefix) - 2
	for _, p := range pieces {
		for _, line := range wrap(p, room) {
			b.WriteString(prefix + `"` + line + `"` + "\n")
		}
	}
}

func splitAfterNewlines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// wrap escapes s and breaks it after spaces into lines of at most room
// columns; a word longer than that stays whole.
func wrap(s string, room int) []string {
	var lines []string
	var line, word strings.Builder
	lineW, wordW := 0, 0
	flush := func() {
		if lineW+wordW > room && lineW > 0 {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		line.WriteString(word.String())
		lineW += wordW
		word.Reset()
		wordW = 0
	}
	var prev rune
	for i, r := range s {
		e := escapeRune(r)
		word.WriteString(e)
		wordW += utf8.RuneCountInString(e)
		next, _ := utf8.DecodeRuneInString(s[i+len(string(r)):])
		// gettext breaks lines where Unicode allows: after a space, and
		// after the hyphen of a compound such as "small-scale".
		if r == ' ' || r == '-' && unicode.IsLetter(prev) && unicode.IsLetter(next) {
			flush()
		}
		prev = r
	}
	flush()
	if lineW > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return lines
}

func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(escapeRune(r))
	}
	return b.String()
}

func escapeRune(r rune) string {
	switch r {
	case '\\':
		return `\\`
	case '"':
		return `\"`
	case '\n':
		return `\n`
	case '\t':
		return `\t`
	case '\r':
		return `\r`
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\v':
		return `\v`
	}
	if r < 0x20 || r == 0x7f {
		return fmt.Sprintf(`\%03o`, r)
	}
	return string(r)
}
