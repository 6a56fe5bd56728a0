package qa

import (
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/placeholder"
)

// checkHTML finds raw markup typed in a translation, whatever the
// document's format: a page escapes it, so the reader would see the tag
// as text (an HTML document's page as much as a Markdown one's), and the
// translator must use the source's tags instead. Markup the English
// shows as text too is the translation's to keep.
func checkHTML(c *Translation) {
	for _, t := range placeholder.Parse(c.Text) {
		if t.Kind != placeholder.Text {
			continue
		}
		s := t.Text
		for _, loc := range htmlRE.FindAllStringIndex(s, -1) {
			if strings.Contains(c.SourceText, s[loc[0]:loc[1]]) {
				continue
			}
			c.Report(t.Offset+loc[0], Error, "html", "HTML %s in a translation is shown as text; use the source's tags", s[loc[0]:loc[1]])
		}
	}
}
