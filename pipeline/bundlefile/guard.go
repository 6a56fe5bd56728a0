package bundlefile

import (
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/safeout"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Guard is what an export of a project must leave alone: the
// project folder, quipu.toml, the glossary and the content, locales,
// templates and .quipu folders are never replaced, nor any folder holding
// one, and nothing is written inside those folders. force lets an export
// replace other folders and files that quipu did not write.
func Guard(p *tree.Tree, force bool) safeout.Guard {
	g := safeout.Guard{Force: force}
	g.Keep = append(g.Keep, safeout.Place{Path: p.Root, Name: "the project folder"}, safeout.Place{Path: p.Abs(config.File), Name: "the configuration"})
	if p.Config.Glossary != "" {
		g.Keep = append(g.Keep, safeout.Place{Path: p.Abs(p.Config.Glossary), Name: "the glossary"})
	}
	for _, dir := range []struct{ path, name string }{
		{p.Config.Content, "the content folder"},
		{p.Config.LocalesDir, "the locales folder"},
		{p.Config.Templates, "the templates folder"},
		{config.CacheDir, "quipu's cache folder"},
	} {
		if dir.path != "" {
			pl := safeout.Place{Path: p.Abs(dir.path), Name: dir.name}
			g.Keep = append(g.Keep, pl)
			g.Within = append(g.Within, pl)
		}
	}
	return g
}
