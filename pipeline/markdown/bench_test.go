package markdown_test

import (
	"os"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
)

// BenchmarkExtract splits tldr pages into segments: /page is one page per
// operation, cycling through the corpus; /corpus is the whole corpus per
// operation. The corpus comes from -tldr, $QUIPU_TLDR or ../shared.
func BenchmarkExtract(b *testing.B) {
	paths := testshared.TldrPages(b)
	if len(paths) == 0 {
		b.Skip("no tldr pages")
	}
	pages := make([][]byte, len(paths))
	total := 0
	for i, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages[i] = src
		total += len(src)
	}
	b.Run("page", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(total / len(pages)))
		i := 0
		for b.Loop() {
			if _, err := markdown.Extract(paths[i], pages[i]); err != nil {
				b.Fatal(err)
			}
			i = (i + 1) % len(pages)
		}
	})
	b.Run("corpus", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(total))
		for b.Loop() {
			for i, src := range pages {
				if _, err := markdown.Extract(paths[i], src); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/doc")
	})
}
