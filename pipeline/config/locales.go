package config

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/suggest"
)

// LocaleError is a locale asked for that the project does not have: an
// English site under its name would look like a translation that is not
// there.
type LocaleError struct {
	Locale string
	Known  []string // the locales a run may ask for
	// Default says Known are the default locales: the project has no
	// quipu.toml to name them.
	Default bool
}

func (e *LocaleError) Error() string {
	msg := fmt.Sprintf("unknown locale %q", e.Locale)
	if near := suggest.Nearest(e.Locale, e.Known); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	where := File
	if e.Default {
		where = "the default locales: there is no " + File
	}
	return msg + fmt.Sprintf("; this project has %s (%s)", strings.Join(e.Known, ", "), where)
}

// Runnable lists the locales a run may ask for: the source locale, the
// configured targets and, unless targetsOnly, the pseudo-locale.
func (c *Config) Runnable(targetsOnly bool) []string {
	if targetsOnly {
		return slices.Clone(c.Locales)
	}
	return append(append([]string{c.SourceLocale}, c.Locales...), pseudo.Locale)
}

// SelectLocales answers, for every command, which locales a run works on:
// those asked for, each of which must be one the project has, or by
// default the source locale and every target (targetsOnly: the targets).
func (c *Config) SelectLocales(asked []string, targetsOnly bool) ([]string, error) {
	known := c.Runnable(targetsOnly)
	if len(asked) == 0 {
		if targetsOnly {
			return known, nil
		}
		return append([]string{c.SourceLocale}, c.Locales...), nil
	}
	var out []string
	for _, l := range asked {
		if !slices.Contains(known, l) {
			return nil, &LocaleError{Locale: l, Known: known, Default: c.noFile}
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out, nil
}

// checkTagForm refuses a locale tag written otherwise than BCP 47 spells
// it ("es_PE", "es-pe"): it becomes folder and file names and the page's
// lang attribute as written.
func checkTagForm(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	if canon := t.String(); canon != tag && strings.EqualFold(strings.ReplaceAll(tag, "_", "-"), canon) {
		return fmt.Sprintf("locale %q is not written as BCP 47 tags are: write %q", tag, canon)
	}
	return ""
}
