package bundle

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"sort"
	"strings"
)

// Sitemap lists every page of every locale at its absolute URL, each with
// the same page in every locale as an hreflang alternate, and x-default
// pointing at the source locale, so search engines show readers the page in
// their language. locales gives the order of the alternates.
func Sitemap(baseURL, source string, locales []string, files []File) []byte {
	// pages maps a document's path inside its locale folder to the
	// locales that have it.
	pages := map[string]map[string]bool{}
	for _, f := range files {
		if f.Kind != KindPage {
			continue
		}
		rest, ok := strings.CutPrefix(f.Path, f.Locale+"/")
		if !ok {
			continue
		}
		if pages[rest] == nil {
			pages[rest] = map[string]bool{}
		}
		pages[rest][f.Locale] = true
	}
	docs := make([]string, 0, len(pages))
	for d := range pages {
		docs = append(docs, d)
	}
	sort.Strings(docs)

	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	link := func(lang, loc string) {
		b.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
		xml.EscapeText(&b, []byte(lang))
		b.WriteString(`" href="`)
		xml.EscapeText(&b, []byte(loc))
		b.WriteString("\"/>\n")
	}
	for _, d := range docs {
		has := pages[d]
		for _, l := range locales {
			if !has[l] {
				continue
			}
			b.WriteString("  <url>\n    <loc>")
			xml.EscapeText(&b, []byte(PageURL(baseURL, l, d)))
			b.WriteString("</loc>\n")
			for _, alt := range locales {
				if has[alt] {
					link(alt, PageURL(baseURL, alt, d))
				}
			}
			if has[source] {
				link("x-default", PageURL(baseURL, source, d))
			}
			b.WriteString("  </url>\n")
		}
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// PageURL is the URL of a page under baseURL (which ends with "/"), each
// path element escaped: file names such as "[.md" or "c++.md" are real.
// The sitemap and the pages' canonical and alternate links all use it, so
// they name a page alike.
func PageURL(baseURL, locale, rest string) string {
	parts := strings.Split(locale+"/"+rest, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return baseURL + strings.Join(parts, "/")
}
