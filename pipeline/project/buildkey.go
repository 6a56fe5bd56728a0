package project

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"github.com/quipu-l10n/quipu/pipeline/resolve"

	"github.com/quipu-l10n/quipu/pipeline"
)

// buildFingerprint hashes what every document's build depends on.
func (p *Project) buildFingerprint(locales []string, strict bool, publish resolve.Options) string {
	h := sha256.New()
	cfg, _ := json.Marshal(p.Config)
	h.Write(cfg)
	h.Write([]byte(pipeline.Version))
	if t, err := p.template(); err == nil {
		h.Write(t.Source)
	}
	for _, f := range p.foreign() { // the glossary's italics are on every page
		h.Write([]byte("\x00foreign\x00" + f))
	}
	for _, l := range locales {
		h.Write([]byte("\x00" + l))
	}
	if strict {
		h.Write([]byte("\x00strict"))
	}
	if publish.UseFuzzy {
		h.Write([]byte("\x00use-fuzzy"))
	}
	if publish.UseMachine {
		h.Write([]byte("\x00use-machine"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// messageLocales lists, once per build, the locales whose message files
// a build reads: every locale of the chains of those built that has a
// message folder, the source locale aside.
func (p *Project) messageLocales(locales []string) []string {
	present := p.localeDirs(locales)
	var out []string
	seen := map[string]bool{}
	for _, l := range locales {
		for _, cl := range p.Config.Chain(l) {
			if seen[cl] || !present[cl] || cl == p.Config.SourceLocale {
				continue
			}
			seen[cl] = true
			out = append(out, cl)
		}
	}
	return out
}
