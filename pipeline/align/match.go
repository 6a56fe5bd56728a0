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
		if have[s] {
			out[s] = s
		} else if t, ok := byStem[strings.TrimSuffix(s, path.Ext(s))]; ok {
			out[s] = t
		}
	}
	return out
}
