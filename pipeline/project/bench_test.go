package project

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/bundle"
)

// corpusProject is a project whose content/ holds tldr pages, as many as
// $QUIPU_BENCH_PAGES says (default: all of them), in their folders.
func corpusProject(b *testing.B) (*Project, int) {
	b.Helper()
	root := filepath.Join(testshared.Tldr(b), "pages")
	paths := testshared.TldrPages(b)
	if n, err := strconv.Atoi(os.Getenv("QUIPU_BENCH_PAGES")); err == nil && n > 0 && n < len(paths) {
		paths = paths[:n]
	}
	if len(paths) == 0 {
		b.Skip("no tldr pages")
	}
	dir := b.TempDir()
	for _, p := range paths {
		rel, err := filepath.Rel(root, p)
		if err != nil {
			b.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		dst := filepath.Join(dir, "content", rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	p, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return p, len(paths)
}

func perDoc(b *testing.B, docs int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*docs), "ns/doc")
}

// BenchmarkSync: /first writes every message file of a fresh project;
// /unchanged is the sync after it, which writes nothing; /edit syncs after
// a line is added to (or removed from) one document.
func BenchmarkSync(b *testing.B) {
	p, docs := corpusProject(b)
	b.Run("first", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(p.Abs(p.Config.LocalesDir))
			b.StartTimer()
			if _, err := p.Sync(SyncOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		perDoc(b, docs)
	})
	b.Run("unchanged", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Sync(SyncOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		perDoc(b, docs)
	})
	b.Run("edit", func(b *testing.B) {
		sources, err := p.Sources()
		if err != nil {
			b.Fatal(err)
		}
		doc := p.Abs(p.ContentPath(sources[len(sources)/2]))
		orig, err := os.ReadFile(doc)
		if err != nil {
			b.Fatal(err)
		}
		edited := append(slices.Clip(orig), "\nOne more line.\n"...)
		defer os.WriteFile(doc, orig, 0o644)
		if _, err := p.Sync(SyncOptions{}); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			b.StopTimer()
			data := orig
			if n++; n%2 == 1 {
				data = edited
			}
			if err := os.WriteFile(doc, data, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := p.Sync(SyncOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if res.Synced != 1 {
				b.Fatalf("an edit of one document synced %d", res.Synced)
			}
		}
	})
}

// BenchmarkBuild: /cold builds into an empty output/; /unchanged rebuilds
// over its own output.
func BenchmarkBuild(b *testing.B) {
	p, docs := corpusProject(b)
	if _, err := p.Sync(SyncOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(p.Abs(p.Config.Output))
			b.StartTimer()
			if _, err := p.Build(BuildOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		perDoc(b, docs)
	})
	b.Run("unchanged", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Build(BuildOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		perDoc(b, docs)
	})
}

// BenchmarkExport builds and packs the corpus into a tar.gz in memory.
func BenchmarkExport(b *testing.B) {
	p, docs := corpusProject(b)
	if _, err := p.Sync(SyncOptions{}); err != nil {
		b.Fatal(err)
	}
	var epoch int64
	b.ReportAllocs()
	for b.Loop() {
		bd, _, err := p.Export(ExportOptions{Epoch: &epoch, Log: io.Discard})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := bundle.Write(&buf, bundle.TarGz, bd.Entries(), epoch); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
	perDoc(b, docs)
}

// BenchmarkSources lists the corpus's documents, as every command does
// first.
func BenchmarkSources(b *testing.B) {
	p, docs := corpusProject(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Sources(); err != nil {
			b.Fatal(err)
		}
	}
	perDoc(b, docs)
}
