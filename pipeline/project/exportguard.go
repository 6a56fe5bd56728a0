package project

import (
	"path/filepath"

	"github.com/quipu-l10n/quipu/pipeline/safeout"
)

// ExportGuard is what an export of this project must leave alone: the
// project folder, quipu.toml, the glossary and the content, locales,
// templates and .quipu folders are never replaced, nor any folder holding
// one, and nothing is written inside those folders. force lets an export
// replace other folders and files that quipu did not write.
func (p *Project) ExportGuard(force bool) safeout.Guard {
	g := safeout.Guard{Force: force}
	g.Keep = append(g.Keep, p.Root, p.abs(ConfigFile))
	if p.Config.Glossary != "" {
		g.Keep = append(g.Keep, p.abs(p.Config.Glossary))
	}
	for _, dir := range []string{p.Config.Content, p.Config.LocalesDir, p.Config.Templates, ".quipu"} {
		if dir != "" {
			g.Keep = append(g.Keep, p.abs(dir))
			g.Within = append(g.Within, p.abs(dir))
		}
	}
	// Absolute, so that a refusal names the folder plainly.
	for _, list := range [][]string{g.Keep, g.Within} {
		for i, k := range list {
			if abs, err := filepath.Abs(k); err == nil {
				list[i] = abs
			}
		}
	}
	return g
}
