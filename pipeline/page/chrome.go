package page

import (
	"embed"
	"fmt"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed locales/*.toml
var chromeFiles embed.FS

var chromeBundle = sync.OnceValues(func() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	entries, err := chromeFiles.ReadDir("locales")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if _, err := b.LoadMessageFileFS(chromeFiles, "locales/"+e.Name()); err != nil {
			return nil, err
		}
	}
	return b, nil
})

// Chrome holds the page's own words in one locale.
type Chrome struct {
	LanguageLabel string
	Contents      string
	SkipToContent string
	Updated       string // e.g. "Actualizado el 26 de noviembre de 2026"; empty for a page without a date
	ReadingTime   string // e.g. "1,354 palabras · 7 minutos de lectura"
}

// NewChrome localizes the page's strings (a zero updated time is a page
// without a date): go-i18n messages shipped with
// quipu (es-PE falls back to es), numbers formatted for the locale by x/text
// (1,354 in es-PE, 1.354 in es).
//
// Pages of one locale mostly share a date and many share a word count, so
// results are remembered: a build of thousands of pages localizes each
// distinct line once.
func NewChrome(locale string, updated time.Time, words int) (Chrome, error) {
	key := chromeKey{locale, updated.Year(), updated.Month(), updated.Day(), words}
	if c, ok := chromes.Load(key); ok {
		return c.(Chrome), nil
	}
	c, err := newChrome(locale, updated, words)
	if err == nil {
		chromes.Store(key, c)
	}
	return c, err
}

type chromeKey struct {
	locale     string
	year       int
	month      time.Month
	day, words int
}

var chromes sync.Map // chromeKey → Chrome

func newChrome(locale string, updated time.Time, words int) (Chrome, error) {
	b, err := chromeBundle()
	if err != nil {
		return Chrome{}, err
	}
	tag, err := language.Parse(locale)
	if err != nil {
		tag = language.English
	}
	// go-i18n looks a message up in the best-matching file only, so
	// es-PE, which holds just what Peru writes differently (CLDR es_PE),
	// would lose the rest of es: try the locale, then its CLDR parents.
	has := map[language.Tag]bool{}
	for _, t := range b.LanguageTags() {
		has[t] = true
	}
	var locs []*i18n.Localizer
	for t := tag; !t.IsRoot(); t = t.Parent() {
		if has[t] {
			locs = append(locs, i18n.NewLocalizer(b, t.String()))
		}
	}
	locs = append(locs, i18n.NewLocalizer(b, locale)) // English at worst
	num := message.NewPrinter(tag)
	get := func(id string, data map[string]any, count any) string {
		for _, loc := range locs {
			s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
			if err == nil {
				return s
			}
		}
		return id
	}
	minutes := max(1, (words+199)/200) // 200 words a minute
	var updatedLine string
	if !updated.IsZero() {
		date := get("DateFormat", map[string]any{
			"Day":   updated.Day(),
			"Month": get(fmt.Sprintf("Month%d", int(updated.Month())), nil, nil),
			"Year":  updated.Year(),
		}, nil)
		updatedLine = get("Updated", map[string]any{"Date": date}, nil)
	}
	return Chrome{
		LanguageLabel: get("LanguageLabel", nil, nil),
		Contents:      get("Contents", nil, nil),
		SkipToContent: get("SkipToContent", nil, nil),
		Updated:       updatedLine,
		ReadingTime: get("ReadingTime", map[string]any{
			"Words":   num.Sprintf("%d", words),
			"Minutes": num.Sprintf("%d", minutes),
		}, minutes),
	}, nil
}
