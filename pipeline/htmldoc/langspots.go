package htmldoc

import "strings"

// langSpots notes where the document states its language: <html lang>
// (or where to add it), xml:lang and og:locale.
func (s *scanner) langSpots(t *token) {
	if !t.ranged {
		return
	}
	switch t.name {
	case "html":
		if s.sawHTML {
			return
		}
		s.sawHTML = true
		if a, ok := t.attr("lang"); ok {
			s.lang = append(s.lang, langSpot{span: span{a.vstart, a.vend}, quote: a.quote})
		} else {
			s.lang = append(s.lang, langSpot{span: span{t.nameEnd, t.nameEnd}, insert: true})
		}
		if a, ok := t.attr("xml:lang"); ok {
			s.lang = append(s.lang, langSpot{span: span{a.vstart, a.vend}, quote: a.quote})
		}
	case "meta":
		if p, _ := t.attr("property"); strings.EqualFold(strings.TrimSpace(p.val), "og:locale") {
			if a, ok := t.attr("content"); ok {
				s.lang = append(s.lang, langSpot{span: span{a.vstart, a.vend}, quote: a.quote, underscore: true})
			}
		}
	}
}

// statesLang reports a tag that states its element's language.
func statesLang(t *token) bool {
	_, lang := t.attr("lang")
	_, xml := t.attr("xml:lang")
	return lang || xml
}
