package syncer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// generated writes n documents of paras paragraphs each, in ten folders,
// every paragraph its own text.
func generated(t testing.TB, n, paras int) *tree.Tree {
	t.Helper()
	root := t.TempDir()
	for d := range 10 {
		if err := os.MkdirAll(filepath.Join(root, "content", fmt.Sprintf("d%d", d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	for i := range n {
		b.Reset()
		fmt.Fprintf(&b, "# Page %d\n\n", i)
		for k := range paras {
			fmt.Fprintf(&b, "Paragraph %d of page %d says *something* about `item-%d` and links [here](https://example.com/%d).\n\n", k, i, k, i)
		}
		name := filepath.Join(root, "content", fmt.Sprintf("d%d", i%10), fmt.Sprintf("p%05d.md", i))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// liveHeapGrowth syncs p and returns by how much the live heap grew at
// its largest, sampled (after a collection) as documents are synced. It
// syncs on one core: with several, what the other cores allocate while
// the collection runs counts as live.
func liveHeapGrowth(t testing.TB, p *tree.Tree) uint64 {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	live := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base := live()
	var mu sync.Mutex
	var peak uint64
	_, err := syncer.Sync(p, syncer.Options{Progress: func(done, total int) {
		if done%max(1, total/10) != 0 && done != total {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		peak = max(peak, live())
	}})
	if err != nil {
		t.Fatal(err)
	}
	if peak < base {
		return 0
	}
	return peak - base
}

// TestSyncMemoryIsFlat syncs 250 and then 1,000 documents: sync streams
// them, so what it holds grows with the index (a few numbers per
// document), not with the documents.
func TestSyncMemoryIsFlat(t *testing.T) {
	testshared.SkipUnlessScale(t, "the sync of 1,250 documents")
	const n, paras = 250, 20
	small := liveHeapGrowth(t, generated(t, n, paras))
	large := liveHeapGrowth(t, generated(t, 4*n, paras))
	t.Logf("live heap grew by %d kB syncing %d documents, %d kB syncing %d", small>>10, n, large>>10, 4*n)
	if large > 2*small {
		t.Errorf("syncing 4× the documents took %.1f× the memory (%d kB against %d kB)", float64(large)/float64(small), large>>10, small>>10)
	}
}

// BenchmarkSyncMemory reports the live heap a first sync of N and 4N
// generated documents holds at its largest.
func BenchmarkSyncMemory(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var grew uint64
			for b.Loop() {
				b.StopTimer()
				p := generated(b, n, 20)
				b.StartTimer()
				grew = max(grew, liveHeapGrowth(b, p))
			}
			b.ReportMetric(float64(grew), "peak-live-B")
			b.ReportMetric(float64(grew)/float64(n), "peak-live-B/doc")
		})
	}
}
