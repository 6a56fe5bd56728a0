package main

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
)

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// hostile streams a .tar.gz of entries (name, size, contents) to a file.
func hostile(t *testing.T, entries ...any) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "hostile.tar.gz")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	for i := 0; i < len(entries); i += 3 {
		size := entries[i+1].(int64)
		if err := tw.WriteHeader(&tar.Header{Name: entries[i].(string), Typeflag: tar.TypeReg, Mode: 0o644, Size: size}); err != nil {
			t.Fatal(err)
		}
		if _, err := io.CopyN(tw, entries[i+2].(io.Reader), size); err != nil {
			t.Fatal(err)
		}
	}
	tw.Close()
	gz.Close()
	return name
}

// TestVerifyMemoryBounded: quipu verify and quipu export --merge keep
// memory flat on hostile bundles made on the fly: one huge entry of
// zeros, a huge file that only starts like a gzip, a huge manifest. (The
// full sizes are the attacks'; -short scales them down.)
func TestVerifyMemoryBounded(t *testing.T) {
	zero, fake, manifest := int64(2<<30), int64(6<<30), int64(100<<20)
	if !testshared.Scale() { // the attacks' full sizes with QUIPU_SCALE=1
		zero, fake, manifest = 128<<20, 512<<20, 40<<20
	}
	fakeGzip := filepath.Join(t.TempDir(), "fake.tar.gz")
	f, err := os.Create(fakeGzip)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte{0x1f, 0x8b, 8, 0})
	if err := f.Truncate(fake); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	sum := strings.Repeat("0", 63) + "1"
	man := fmt.Sprintf(`{"generator":"quipu","files":[{"path":"zero.bin","kind":"asset","bytes":%d,"sha256":%q}]}`, zero, sum)
	for _, tc := range []struct {
		name, bundle string
	}{
		{"zero entry", hostile(t, "manifest.json", int64(len(man)), strings.NewReader(man), "zero.bin", zero, zeros{})},
		{"zero entry unlisted", hostile(t, "zero.bin", zero, zeros{})},
		{"fake gzip", fakeGzip},
		{"huge manifest", hostile(t, "manifest.json", manifest, zeros{})},
	} {
		for _, cmd := range [][]string{{"quipu", "verify", tc.bundle}, {"quipu", "export", "--out", filepath.Join(t.TempDir(), "m.tar.gz"), "--merge", tc.bundle}} {
			var code int
			peak, total := testshared.Memory(func() { code = run(cmd, io.Discard, io.Discard) })
			t.Logf("%s: %s: peak heap %.1f MB, allocated %.1f MB", tc.name, cmd[1], float64(peak)/(1<<20), float64(total)/(1<<20))
			if code != 1 {
				t.Errorf("%s: %s: exit %d, want 1", tc.name, cmd[1], code)
			}
			if peak > 100<<20 || total > 64<<20 {
				t.Errorf("%s: %s: peak heap %.1f MB, allocated %.1f MB: the input was buffered", tc.name, cmd[1], float64(peak)/(1<<20), float64(total)/(1<<20))
			}
		}
	}
}
