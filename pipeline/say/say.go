// Package say holds the command line's own words as go-i18n plural
// messages, as the page's chrome does, so that every count agrees with its
// noun ("1 document", "2 documents") and every percentage is rounded alike.
package say

import (
	"embed"
	"fmt"
	"math"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed locales/*.toml
var files embed.FS

var localizer = sync.OnceValue(func() *i18n.Localizer {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	if _, err := b.LoadMessageFileFS(files, "locales/active.en.toml"); err != nil {
		panic(err) // embedded and tested: cannot fail at run time
	}
	return i18n.NewLocalizer(b, "en")
})

var printer = message.NewPrinter(language.English)

// Count says n of the thing message id names: Count("Document", 1) is
// "1 document", Count("Document", 7425) "7,425 documents".
func Count(id string, n int) string {
	s, err := localizer().Localize(&i18n.LocalizeConfig{
		MessageID:    id,
		PluralCount:  n,
		TemplateData: map[string]any{"Count": Number(n)},
	})
	if err != nil {
		return fmt.Sprintf("%d %s", n, id)
	}
	return s
}

// Number formats n with thousands separators: 7,425.
func Number(n int) string {
	return printer.Sprintf("%d", n)
}

// Percent formats a coverage percentage with two decimals, rounded down
// as bundle.Percent computes it: a locale shows 100.00% only when nothing
// is missing, and status and export show the same figure for one count.
func Percent(p float64) string {
	return fmt.Sprintf("%.2f%%", math.Floor(p*100+1e-9)/100)
}
