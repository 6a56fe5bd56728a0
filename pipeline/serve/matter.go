package serve

import (
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/config"
)

// matter keeps of the files a watch reported those a page is built from:
// the configuration, the glossary, the template folder's files, the
// content folder's files and the message files. Editors and quipu itself
// save through a temporary file renamed over the real one; a change to
// that temporary file changes no page, and a page reloaded on it would
// be built from the file not yet replaced.
func (st *state) matter(files []string) []string {
	var out []string
	for _, f := range files {
		if f == "." || st.matters(f) {
			out = append(out, f)
		}
	}
	return out
}

func (st *state) matters(f string) bool {
	if temporary(path.Base(f)) {
		return false
	}
	under := func(dir string) bool { return dir != "" && strings.HasPrefix(f, dir+"/") || f == dir }
	switch {
	case f == config.File, f == st.p.Config.Glossary:
		return true
	case under(st.p.Config.Templates), under(st.content):
		return true
	case under(st.messages):
		// Message files, and a folder of them renamed or removed.
		return strings.HasSuffix(f, ".toml") || path.Ext(f) == "" || f == st.messages
	}
	return false
}

// temporary reports the names of files no project reads: hidden files
// (editors' and sync's temporary files, .swp), backups (~), and the
// temporary files of sed -i (sed and six letters or digits) and vim
// (4913).
func temporary(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".quipu-tmp"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".tmp"),
		name == "4913":
		return true
	}
	if rest, ok := strings.CutPrefix(name, "sed"); ok && len(rest) == 6 {
		for _, c := range rest {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				return false
			}
		}
		return true
	}
	return false
}
