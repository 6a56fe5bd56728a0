package cache

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
	"github.com/quipu-l10n/quipu/pipeline/tm"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

func TestFoldName(t *testing.T) {
	tests := []struct{ a, b string }{
		{"tar.es-PE.toml", "tar.es-pe.toml"},
		{"Tar.ES-PE.TOML", "tar.es-pe.toml"},
		{"Perú.md", "perú.md"},
		{"Peru\u0301.md", "perú.md"}, // decomposed, as HFS+ stores it
		{"\u212A.md", "k.md"},        // the Kelvin sign folds to k
	}
	for _, tt := range tests {
		if foldName(tt.a) != foldName(tt.b) {
			t.Errorf("foldName(%q) = %q, foldName(%q) = %q", tt.a, foldName(tt.a), tt.b, foldName(tt.b))
		}
	}
	if foldName("a.toml") == foldName("b.toml") {
		t.Error("different names fold alike")
	}
}

// syncedProject is a project of a few documents with the message files a
// sync makes (empty: the scan only lists and stats them).
func syncedProject(t *testing.T, docs ...string) *tree.Tree {
	t.Helper()
	root := t.TempDir()
	for _, d := range docs {
		name := filepath.Join(root, "content", filepath.FromSlash(d))
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte("# "+d+"\n\nSome text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := tree.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		for _, l := range []string{"en", "es-PE"} {
			name := filepath.Join(root, "locales", l, filepath.FromSlash(tree.Stem(d)+"."+l+".toml"))
			os.MkdirAll(filepath.Dir(name), 0o755)
			if err := os.WriteFile(name, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return p
}

// TestScanRacySourceDir: a source message folder whose time was read in
// the tick it changed in is listed, so a file deleted in that same tick
// (its time then unchanged) is noticed.
func TestScanRacySourceDir(t *testing.T) {
	p := syncedProject(t, "a.md", "sub/b.md", "sub/c.md")
	os.Remove(p.Abs("locales/en/sub/c.en.toml"))
	sources, _ := p.Sources()
	sc := ScanSync(p, sources, nil)
	same := slices.Clone(sc.srcDirs) // as if the deletion left the times as they were
	for j := range same {
		same[j].Racy = false
	}
	if !sc.sameSourceDirs(same) {
		t.Fatal("folders with the times of the scan differ from it")
	}
	for j := range same {
		same[j].Racy = true
	}
	if sc.sameSourceDirs(same) {
		t.Error("a racy folder missing a file passed")
	}
}

// TestScanCaseVariant: a message file named in another case than its
// document is stat'ed: on a case-insensitive file system it is the
// document's file.
func TestScanCaseVariant(t *testing.T) {
	p := syncedProject(t, "tar.md", "zip.md")
	if err := os.Rename(p.Abs("locales/es-PE/tar.es-PE.toml"), p.Abs("locales/es-PE/Tar.es-PE.toml")); err != nil {
		t.Fatal(err)
	}
	sources, _ := p.Sources()
	var maybe []uint8
	strays := listMessageDir(p, "es-PE", ".", nil, sources, []int{0, 1}, func(i int, bit uint8) {
		for len(maybe) <= i {
			maybe = append(maybe, 0)
		}
		maybe[i] |= bit
	})
	if strays != 1 || len(maybe) < 2 || maybe[0]&1 == 0 || maybe[1] != 1 {
		t.Errorf("strays %d, marks %v; want 1 stray, tar.md's message file to stat, zip.md's message file alone", strays, maybe)
	}
}

func TestSyncCacheRoundTrip(t *testing.T) {
	c := &Sync{
		fingerprint: "fp",
		Orphans:     2,
		dirs:        []dirTime{{Path: "locales/en", Mod: 1234567890123456789, Racy: true}, {Path: "locales/en/sub", Mod: -1}},
		Docs: []SyncEntry{
			{Rel: "a.md", Inputs: SyncInputs{Source: stamp.Stamp{Size: 10, Mod: 20}, Messages: []stamp.Stamp{stamp.Missing}, Obsolete: []stamp.Stamp{stamp.Missing}}},
			{Rel: "sub/b.md", Inputs: SyncInputs{Source: stamp.Stamp{Size: 1, Mod: 2}, Messages: []stamp.Stamp{{Size: 3, Mod: 4}}, Obsolete: []stamp.Stamp{{Size: 5, Mod: 6}}}, Messages: 7, Entries: [][]tm.Entry{{
				{Source: "Hello <1>world</1>.", Target: "Hola <1>mundo</1>.", Doc: "content/sub/b.md", ID: "hello-world-abc123", Reviewed: true,
					Placeholders: []pipeline.Placeholder{{Kind: pipeline.Paired, Open: "*", Close: "*", Label: "emphasis"}}},
				{Source: "Bye.", Target: "Chau.", Doc: "content/sub/b.md", ID: "bye-def456"},
			}}},
		},
	}
	got, err := decodeSyncCache(c.encode(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.fingerprint != c.fingerprint || got.Orphans != c.Orphans || !reflect.DeepEqual(got.dirs, c.dirs) || !reflect.DeepEqual(got.Docs, c.Docs) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, c)
	}
	if _, err := decodeSyncCache(c.encode(), 2); err == nil {
		t.Error("a cache of one locale read as one of two")
	}
}

// FuzzSyncCache: reading any bytes as a cache never panics, and what reads
// writes back the same.
func FuzzSyncCache(f *testing.F) {
	f.Add([]byte(syncCacheMagic+"\x01\x02fp\x00\x00\x00\x00"), 1)
	f.Add((&Sync{fingerprint: "x", Docs: []SyncEntry{{Rel: "a.md", Inputs: SyncInputs{Source: stamp.Stamp{Size: 1, Mod: 2}, Messages: []stamp.Stamp{stamp.Missing}, Obsolete: []stamp.Stamp{stamp.Missing}}, Entries: [][]tm.Entry{{{Source: "a", Target: "b"}}}}}}).encode(), 1)
	f.Fuzz(func(t *testing.T, data []byte, locales int) {
		if locales < 0 || locales > 4 {
			return
		}
		c, err := decodeSyncCache(data, locales)
		if err != nil {
			return
		}
		d, err := decodeSyncCache(c.encode(), locales)
		if err != nil {
			t.Fatalf("what was read does not read back: %v", err)
		}
		if !reflect.DeepEqual(c.Docs, d.Docs) || !reflect.DeepEqual(c.dirs, d.dirs) || c.fingerprint != d.fingerprint || c.Orphans != d.Orphans {
			t.Fatal("what was read reads back otherwise")
		}
	})
}
