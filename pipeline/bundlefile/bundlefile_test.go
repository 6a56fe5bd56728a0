package bundlefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/internal/testshared"
)

// TestVerifyBundleReadsTheHeadOnly: a 6 GB file that starts like a gzip
// or a zip (sparse: it costs no disk) is refused after reading its head
// (and, for a zip, its last 64 KiB), not read whole.
func TestVerifyBundleReadsTheHeadOnly(t *testing.T) {
	for _, head := range []string{"\x1f\x8b\x08\x00", "PK\x03\x04"} {
		name := filepath.Join(t.TempDir(), "fake")
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(head)
		if err := f.Truncate(6 << 30); err != nil {
			t.Skip("no sparse files here:", err)
		}
		f.Close()
		_, _, err = Verify(name)
		if err == nil {
			t.Fatalf("%q: verified", head)
		}
		t.Log(err)
		for _, load := range []func() error{
			func() error { _, _, err := Verify(name); return err },
			func() error { _, err := Merge([]string{name}); return err },
		} {
			var err error
			peak, total := testshared.Memory(func() { err = load() })
			if err == nil || peak > 16<<20 || total > 4<<20 {
				t.Errorf("%q: err %v, peak heap %d, allocated %d", head, err, peak, total)
			}
		}
	}
	if _, _, err := Verify(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing bundle verified")
	}
	plain := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(plain, []byte("text"), 0o644)
	if _, _, err := Verify(plain); err == nil || !strings.Contains(err.Error(), "not a tar.gz or zip archive") {
		t.Errorf("plain text: %v", err)
	}
}
