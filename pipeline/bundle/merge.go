package bundle

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ParseShard reads "I/N": part I, counted from 0, of N.
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.Atoi(a)
	}
	if ok && err == nil {
		n, err = strconv.Atoi(b)
	}
	if !ok || err != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("shard %q: want I/N with 0 <= I < N, such as 0/4", s)
	}
	return i, n, nil
}

// Merge joins the shards of one export into the bundle one machine would
// have made from the same inputs: the shards' files, their summed
// statistics, and a sitemap and manifest made anew. Every shard must be
// there exactly once, and all must come from the same sources and options.
func Merge(shards []*Bundle) (*Bundle, error) {
	if len(shards) == 0 {
		return nil, fmt.Errorf("no shards to merge")
	}
	first := shards[0].Manifest
	var count int
	have := map[int]bool{}
	locales := make([]string, len(first.Locales))
	for i, s := range first.Locales {
		locales[i] = s.Locale
	}
	sums := make([]Stats, len(locales))
	var files []File
	for k, b := range shards {
		m := b.Manifest
		if m.Shard == "" {
			return nil, fmt.Errorf("bundle %d is a whole export, not a shard", k+1)
		}
		i, n, err := ParseShard(m.Shard)
		if err != nil {
			return nil, err
		}
		if k == 0 {
			count = n
		}
		switch {
		case n != count:
			return nil, fmt.Errorf("shard %s is one of %d, shard %s one of %d", m.Shard, n, first.Shard, count)
		case have[i]:
			return nil, fmt.Errorf("shard %s given twice", m.Shard)
		}
		have[i] = true
		mm, fm := m.Meta(), first.Meta()
		mm.Shard, fm.Shard = "", ""
		if mm != fm {
			return nil, fmt.Errorf("shard %s and shard %s come from different sources or options (version, commit, time, base URL or source locale)", m.Shard, first.Shard)
		}
		ls := make([]string, len(m.Locales))
		for j, s := range m.Locales {
			ls[j] = s.Locale
		}
		if !slices.Equal(ls, locales) {
			return nil, fmt.Errorf("shard %s has locales %v, shard %s has %v", m.Shard, ls, first.Shard, locales)
		}
		for j, s := range m.Locales {
			sums[j].Locale = s.Locale
			sums[j].Documents += s.Documents
			sums[j].Segments += s.Segments
			sums[j].Translated += s.Translated
			sums[j].Stale += s.Stale
		}
		for _, f := range b.Files {
			if f.Kind != KindSitemap {
				files = append(files, f)
			}
		}
	}
	var missing []string
	for i := range count {
		if !have[i] {
			missing = append(missing, fmt.Sprintf("%d/%d", i, count))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing shards: %s", strings.Join(missing, ", "))
	}
	meta := first.Meta()
	meta.Shard = ""
	return New(meta, sums, files)
}
