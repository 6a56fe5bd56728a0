package htmldoc

import "strings"

// inline elements are part of the text around them: they become
// placeholders inside a segment rather than ending it.
var inline = set("a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "data", "del", "dfn", "em",
	"font", "i", "img", "ins", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "small", "span",
	"strike", "strong", "sub", "sup", "time", "tt", "u", "wbr")

// opaque elements sit inside text but hold nothing to translate: each one,
// content and all, is a single standalone placeholder.
var opaque = set("audio", "canvas", "code", "embed", "iframe", "input", "kbd", "math", "meter",
	"noscript", "object", "output", "picture", "progress", "samp", "script", "style", "svg",
	"template", "textarea", "var", "video")

// skipped elements are never translated, wherever they are.
var skipped = set("script", "style", "pre", "code", "kbd", "samp", "var", "svg", "math",
	"template", "noscript", "textarea", "iframe", "object", "xmp", "plaintext", "noembed", "noframes")

var void = set("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
	"meta", "param", "source", "track", "wbr")

// closesP are the start tags that end an open paragraph.
var closesP = set("address", "article", "aside", "blockquote", "details", "dialog", "div", "dl",
	"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
	"header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// translatableAttrs returns the attributes of a start tag whose values are
// text for readers.
func translatableAttrs(t *token) []string {
	var keys []string
	for _, a := range t.attrs {
		switch a.key {
		case "title", "aria-label":
			keys = append(keys, a.key)
		case "alt":
			if t.name == "img" || t.name == "area" || t.name == "input" {
				keys = append(keys, a.key)
			}
		case "placeholder":
			if t.name == "input" || t.name == "textarea" {
				keys = append(keys, a.key)
			}
		case "value":
			if t.name == "input" {
				if ty, _ := t.attr("type"); ty.val == "submit" || ty.val == "button" || ty.val == "reset" {
					keys = append(keys, a.key)
				}
			}
		case "content":
			if t.name == "meta" && metaText(t) {
				keys = append(keys, a.key)
			}
		}
	}
	return keys
}

// metaText reports whether a meta element's content is text for readers:
// the description and the titles and descriptions shown by social sites.
func metaText(t *token) bool {
	name, _ := t.attr("name")
	prop, _ := t.attr("property")
	for _, v := range []string{name.val, prop.val} {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "description", "og:title", "og:description", "og:image:alt",
			"twitter:title", "twitter:description", "twitter:image:alt":
			return true
		}
	}
	return false
}

// noTranslate reports whether an element opts out of translation, with
// translate="no" or the class "notranslate" that translation tools honour.
func noTranslate(t *token) bool {
	if a, ok := t.attr("translate"); ok && strings.EqualFold(strings.TrimSpace(a.val), "no") {
		return true
	}
	if a, ok := t.attr("class"); ok {
		for _, c := range strings.Fields(a.val) {
			if c == "notranslate" {
				return true
			}
		}
	}
	return false
}
