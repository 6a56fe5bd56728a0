package project

import (
	"time"

	"github.com/quipu-l10n/quipu/pipeline/htmldoc"
	"github.com/quipu-l10n/quipu/pipeline/page"
)

// htmlLanguages gives an HTML document's page in one locale what a
// Markdown document's page has: hreflang alternates for every locale and
// x-default at the end of its <head> (html_alternates; not when the
// document links its versions itself), and the language switcher at the
// top of its <body> (html_switcher). The markup is the page template's.
func (p *Project) htmlLanguages(doc []byte, s Source, locale string, all []string) ([]byte, error) {
	var head, body []byte
	d := page.Data{Alternates: p.alternates(s, locale, all), XDefault: p.url(s, p.Config.SourceLocale)}
	if p.Config.HTMLAlternates && !htmldoc.HasAlternates(doc) {
		head = page.Alternates(d)
	}
	if p.Config.HTMLSwitcher {
		var err error
		if d.Chrome, err = page.NewChrome(locale, time.Time{}, 0); err != nil {
			return nil, err
		}
		body = page.Switcher(d)
	}
	return htmldoc.Insert(doc, head, body), nil
}

// alternates lists a document's page in every locale built, for the
// hreflang links and the language switcher.
func (p *Project) alternates(s Source, locale string, all []string) []page.Alternate {
	out := make([]page.Alternate, len(all))
	for i, l := range all {
		out[i] = page.Alternate{Lang: l, Name: page.LanguageName(l), Href: p.url(s, l), Current: l == locale}
	}
	return out
}
