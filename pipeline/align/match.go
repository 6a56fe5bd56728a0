package align

import (
	"path"
	"strings"
)

// MatchDocuments pairs source documents with their translations, both
// named by slash-separated paths relative to their folders: the path
// renames gives (old=new, as --map says), else the same path, else the same
// path with another extension (guide.md translated as guide.html). A
// source without a translation is missing from the result.
func MatchDocuments(src, translated []string, renames map[string]string) map[string]string {
	have := map[string]bool{}
	byStem := map[string]string{}
	for _, t := range translated {
		have[t] = true
		st := strings.TrimSuffix(t, path.Ext(t))
		if _, dup := byStem[st]; !dup {
			byStem[st] = t
		}
	}
	out := map[string]string{}
	for _, s := range src {
		if t, ok := renames[s]; ok {
			if have[t] {
				out[s] = t
			}
			continue
		}
		want := s
		if old, ok := FolderRenamed(s, renames); ok {
			want = path.Join(strings.TrimSuffix(renames[old], "/"), strings.TrimPrefix(s, strings.TrimSuffix(old, "/")+"/"))
		}
		if have[want] {
			out[s] = want
		} else if t, ok := byStem[strings.TrimSuffix(want, path.Ext(want))]; ok {
			out[s] = t
		}
	}
	return out
}

// FolderRenamed finds the rename whose OLD is a folder holding doc
// ("docs" or "docs/" for docs/a.md), the deepest when several are.
func FolderRenamed(doc string, renames map[string]string) (old string, ok bool) {
	for o := range renames {
		dir := strings.TrimSuffix(o, "/")
		if dir != "" && strings.HasPrefix(doc, dir+"/") && (!ok || len(dir) > len(strings.TrimSuffix(old, "/"))) {
			old, ok = o, true
		}
	}
	return old, ok
}
