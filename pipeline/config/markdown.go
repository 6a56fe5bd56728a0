package config

import "github.com/quipu-l10n/quipu/pipeline/markdown"

// MarkdownSyntax is quipu.toml's [markdown] table: which site generators'
// syntax Markdown documents are read with as markup. Each is on by
// default; turned off, it is prose like any other text.
type MarkdownSyntax struct {
	// Shortcodes: Hugo's {{< name >}} and {{% name %}}.
	Shortcodes bool `toml:"shortcodes"`
	// Alerts: GitHub's > [!NOTE].
	Alerts bool `toml:"alerts"`
	// Admonitions: Docusaurus' :::note and MkDocs' !!! note and ??? note.
	Admonitions bool `toml:"admonitions"`
	// Attributes: attribute lists, {.class #id key=val}.
	Attributes bool `toml:"attributes"`
	// MDX: import and export lines at the top level.
	MDX bool `toml:"mdx"`
}

// markdownKeys are the keys [markdown] takes.
var markdownKeys = []string{"shortcodes", "alerts", "admonitions", "attributes", "mdx"}

// defaultMarkdownSyntax reads all of it.
func defaultMarkdownSyntax() MarkdownSyntax {
	return MarkdownSyntax{Shortcodes: true, Alerts: true, Admonitions: true, Attributes: true, MDX: true}
}

// Syntax is the table as the Markdown format's option.
func (m MarkdownSyntax) Syntax() markdown.Syntax {
	return markdown.Syntax{
		NoShortcodes:  !m.Shortcodes,
		NoAlerts:      !m.Alerts,
		NoAdmonitions: !m.Admonitions,
		NoAttributes:  !m.Attributes,
		NoMDX:         !m.MDX,
	}
}

// markdownWant says what a key of [markdown] takes.
func markdownWant(key string) (string, bool) {
	switch key {
	case "markdown":
		return "a table, like [markdown] then shortcodes = false", true
	case "markdown.shortcodes", "markdown.alerts", "markdown.admonitions", "markdown.attributes", "markdown.mdx":
		return "true or false", true
	}
	return "", false
}
