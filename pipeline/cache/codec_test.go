package cache

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/quipu-l10n/quipu/pipeline/stamp"
)

func sampleBuildCache() *Build {
	return &Build{
		Fingerprint: "f00d",
		Dirs:        map[string]int64{"output/en/common": 1764150000123456789, "output/es-PE/common": -1},
		Racy:        map[string]bool{"output/en/common": true},
		Docs: map[string]*Entry{
			"common/tar.md": {
				Inputs:  Inputs{Source: stamp.Stamp{Size: 512, Mod: 1764150000000000000}, Messages: []stamp.Stamp{{Size: 2048, Mod: 1764150001000000000}}},
				Outputs: []stamp.Stamp{{Size: 4096, Mod: 1}, {Size: 4100, Mod: 2}},
				Report: Report{
					Segments: 9, Files: 4,
					Warnings:     []string{"content/common/tar.md: es-PE: 2 of 9 segments untranslated, source text used"},
					Untranslated: []Count{{Locale: "es-PE", N: 2}},
					From:         []Count{{Locale: "es-PE", From: "en", N: 2}, {Locale: "es-PE", From: "es-PE", N: 7}},
				},
			},
			"ñandú.md": {Inputs: Inputs{Source: stamp.Missing}},
		},
		Wrote: map[string][]string{
			"common/tar.md": {"output/en/common/tar.html", "output/en/common/tar.md"},
			"gone.md":       {"output/es-PE/gone.html"},
		},
	}
}

func TestBuildCacheRoundTrip(t *testing.T) {
	c := sampleBuildCache()
	data := c.encode()
	got, ok := decodeBuildCache(data)
	if !ok {
		t.Fatal("a cache does not decode what it encoded")
	}
	opts := cmpopts.IgnoreUnexported(Build{}, Report{})
	if diff := cmp.Diff(c, got, opts); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if string(got.encode()) != string(data) {
		t.Error("encoding is not deterministic")
	}
	// Every cut of the file is refused, never half read.
	for n := range len(data) {
		if _, ok := decodeBuildCache(data[:n]); ok {
			t.Fatalf("a cache cut at %d of %d bytes decodes", n, len(data))
		}
	}
}

// TestStampsOddCount protects typed stamps read from the cache: a list of
// numbers that is not pairs of size and time is a damaged cache, refused.
func TestStampsOddCount(t *testing.T) {
	e := &encoder{}
	e.uint(3) // three numbers: not pairs
	for _, x := range []int64{512, 1764150000000000000, 7} {
		e.int(x)
	}
	d := &decoder{b: e.b, s: string(e.b)}
	if v := d.stamps(); v != nil || d.err == nil {
		t.Errorf("three numbers read as stamps %v, err %v", v, d.err)
	}
	e = &encoder{}
	e.stamps([]stamp.Stamp{{Size: 1, Mod: 2}, stamp.Missing})
	d = &decoder{b: e.b, s: string(e.b)}
	if v := d.stamps(); len(v) != 2 || v[1].Exists() || v[0].Mod != 2 || d.err != nil {
		t.Errorf("stamps read back as %v, err %v", v, d.err)
	}
}

// FuzzDecodeBuildCache: a damaged cache file is refused or read, never a
// crash or a huge allocation.
func FuzzDecodeBuildCache(f *testing.F) {
	f.Add(sampleBuildCache().encode())
	f.Add([]byte(buildCacheMagic))
	f.Add([]byte(buildCacheMagic + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ok := decodeBuildCache(data)
		if !ok {
			return
		}
		if again, ok := decodeBuildCache(c.encode()); !ok || len(again.Docs) != len(c.Docs) {
			t.Fatal("a decoded cache does not survive its own encoding")
		}
	})
}
