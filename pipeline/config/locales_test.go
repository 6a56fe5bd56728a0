package config

import (
	"errors"
	"slices"
	"testing"
)

// TestSelectLocalesRefusesUnknownLocales protects every command from
// working on a locale the project does not have: an English site under
// "es-pe" or "fr", a 0% status for "fr".
func TestSelectLocalesRefusesUnknownLocales(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		asked       []string
		targetsOnly bool
		want        []string
		wrong       string
	}{
		{nil, false, []string{"en", "es-PE"}, ""},
		{nil, true, []string{"es-PE"}, ""},
		{[]string{"qps", "es-PE", "qps"}, false, []string{"qps", "es-PE"}, ""},
		{[]string{"es-pe"}, false, nil, `unknown locale "es-pe" (did you mean "es-PE"?); this project has en, es-PE, qps (quipu.toml)`},
		{[]string{"fr"}, true, nil, `unknown locale "fr"; this project has es-PE (quipu.toml)`},
		{[]string{"qps"}, true, nil, `unknown locale "qps"; this project has es-PE (quipu.toml)`},
	} {
		got, err := c.SelectLocales(tc.asked, tc.targetsOnly)
		var le *LocaleError
		switch {
		case tc.wrong != "" && (!errors.As(err, &le) || err.Error() != tc.wrong):
			t.Errorf("SelectLocales(%v): error %v, want %s", tc.asked, err, tc.wrong)
		case tc.wrong == "" && (err != nil || !slices.Equal(got, tc.want)):
			t.Errorf("SelectLocales(%v) = %v, %v; want %v", tc.asked, got, err, tc.want)
		}
	}
}

// TestLocaleTagsAreWrittenAsBCP47 protects the lang attribute and the
// folder names: "es_PE" and "es-pe" in quipu.toml are errors naming es-PE.
func TestLocaleTagsAreWrittenAsBCP47(t *testing.T) {
	for tag, want := range map[string]string{
		"es-PE":      "",
		"es_PE":      `locale "es_PE" is not written as BCP 47 tags are: write "es-PE"`,
		"es-pe":      `locale "es-pe" is not written as BCP 47 tags are: write "es-PE"`,
		"zh-Hant-TW": "",
	} {
		if got := checkTagForm(tag); got != want {
			t.Errorf("checkTagForm(%q) = %q, want %q", tag, got, want)
		}
	}
}
