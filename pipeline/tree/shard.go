package tree

import (
	"fmt"
	"hash/fnv"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
)

// Shard is part Index, counted from 0, of Count parts of a project's
// documents, for spreading a build or an export over machines. The zero
// Shard is the whole project.
type Shard struct {
	Index, Count int
}

// ParseShard reads "I/N", as --shard takes it (I counts from 0, as a
// Kubernetes Indexed Job's JOB_COMPLETION_INDEX does).
func ParseShard(s string) (Shard, error) {
	i, n, err := bundle.ParseShard(s)
	return Shard{Index: i, Count: n}, err
}

func (s Shard) String() string {
	if s.Count <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Has reports whether the document at rel (relative to the content folder)
// belongs to the shard. The part is the FNV-1a hash of the path modulo
// Count: it depends on the path alone, so every machine agrees on it
// without talking to the others, and adding a document moves no other.
func (s Shard) Has(rel string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(rel))
	return int(h.Sum32()%uint32(s.Count)) == s.Index
}

// Filter keeps the sources that belong to the shard, in order.
func (s Shard) Filter(sources []Source) []Source {
	if s.Count <= 1 {
		return sources
	}
	var out []Source
	for _, src := range sources {
		if s.Has(src.Rel) {
			out = append(out, src)
		}
	}
	return out
}
