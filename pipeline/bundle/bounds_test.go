package bundle

import (
	"github.com/quipu-l10n/quipu/internal/testshared"

	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The hostile bundles below are made on the fly, streamed to a file, and
// never committed. The full sizes are those of the attacks they stand
// for; -short scales the slow ones down.

// maxPeak is the most memory checking any bundle may take.
const maxPeak = 100 << 20

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// hostileEntry is an archive entry streamed from r.
type hostileEntry struct {
	name string
	size int64
	r    io.Reader
}

// hostileTarGz streams entries into a .tar.gz file and returns its path.
func hostileTarGz(t *testing.T, entries ...hostileEntry) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "hostile.tar.gz")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		if err := tw.WriteHeader(&tar.Header{Name: e.name, Typeflag: tar.TypeReg, Mode: 0o644, Size: e.size}); err != nil {
			t.Fatal(err)
		}
		if _, err := io.CopyN(tw, e.r, e.size); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return name
}

func manifestEntry(json string) hostileEntry {
	return hostileEntry{ManifestName, int64(len(json)), strings.NewReader(json)}
}

// manifestOf lists files as path, bytes and sha256 (hex).
func manifestOf(files ...string) string {
	var b strings.Builder
	b.WriteString(`{"generator":"quipu","files":[`)
	for i := 0; i+2 < len(files); i += 3 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"path":%q,"kind":"asset","bytes":%s,"sha256":%q}`, files[i], files[i+1], files[i+2])
	}
	b.WriteString("]}")
	return b.String()
}

func checkFile(t *testing.T, name string, keep bool) (problems []string, err error) {
	t.Helper()
	src := TarGzSource(func() (io.ReadCloser, error) { return os.Open(name) })
	if strings.HasSuffix(name, ".zip") {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		fi, _ := f.Stat()
		src = ZipSource(f, fi.Size())
	}
	_, _, problems, err = Check(src, keep)
	return problems, err
}

func hasProblem(problems []string, want string) bool {
	for _, p := range problems {
		if strings.Contains(p, want) {
			return true
		}
	}
	return false
}

const zeroSum = "0000000000000000000000000000000000000000000000000000000000000001"

// TestCheckStreamsBigEntry: an entry of gigabytes of zeros (a few MB
// compressed) is hashed as it streams, never held: memory stays flat
// whether the manifest lists it at its size, lists it smaller (refused
// before it is read), or does not list it; and loading it for a merge
// is refused too.
func TestCheckStreamsBigEntry(t *testing.T) {
	size := int64(2 << 30)
	if !testshared.Scale() { // the attack's full size with QUIPU_SCALE=1
		size = 128 << 20
	}
	for _, tc := range []struct {
		name, listed, want string
	}{
		{"listed at its size", fmt.Sprint(size), "zero.bin: sha256 "},
		{"listed smaller", "10", fmt.Sprintf("zero.bin: %d bytes, the manifest says 10", size)},
		{"not listed", "", "zero.bin: not in the manifest"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			man := manifestOf()
			if tc.listed != "" {
				man = manifestOf("zero.bin", tc.listed, zeroSum)
			}
			name := hostileTarGz(t, manifestEntry(man), hostileEntry{"zero.bin", size, zeros{}})
			for _, keep := range []bool{false, true} {
				var problems []string
				var err error
				peak, total := testshared.Memory(func() { problems, err = checkFile(t, name, keep) })
				t.Logf("keep %v: peak heap %.1f MB, allocated %.1f MB", keep, float64(peak)/(1<<20), float64(total)/(1<<20))
				if keep && tc.listed == fmt.Sprint(size) && size > MaxUnpacked {
					if err == nil || !strings.Contains(err.Error(), "lists more than") {
						t.Errorf("keep: err %v, want the manifest's total refused", err)
					}
				} else if err != nil || !hasProblem(problems, tc.want) {
					t.Errorf("keep %v: problems %q, err %v; want %q", keep, problems, err, tc.want)
				}
				if peak > maxPeak || total > 16<<20 {
					t.Errorf("keep %v: peak heap %d, allocated %d: the entry was buffered", keep, peak, total)
				}
			}
		})
	}
}

// TestCheckZipLiesAboutSize: a zip entry whose directory says 10 bytes
// but whose data inflates to far more is cut off after 11.
func TestCheckZipLiesAboutSize(t *testing.T) {
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestSpeed)
	io.CopyN(fw, zeros{}, 256<<20)
	fw.Close()
	name := filepath.Join(t.TempDir(), "bomb.zip")
	f, _ := os.Create(name)
	zw := zip.NewWriter(f)
	man := manifestOf("bomb.bin", "10", zeroSum)
	w, _ := zw.Create(ManifestName)
	io.WriteString(w, man)
	h := &zip.FileHeader{Name: "bomb.bin", Method: zip.Deflate, CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 10}
	w, _ = zw.CreateRaw(h)
	w.Write(deflated.Bytes())
	zw.Close()
	f.Close()
	var problems []string
	var err error
	peak, total := testshared.Memory(func() { problems, err = checkFile(t, name, true) })
	if err != nil || !hasProblem(problems, "bomb.bin: more than the 10 bytes the manifest says") {
		t.Errorf("problems %q, err %v", problems, err)
	}
	if peak > maxPeak || total > 4<<20 {
		t.Errorf("peak heap %d, allocated %d", peak, total)
	}
}

// TestCheckManyZipEntries: a zip's central directory is streamed, and
// problems are capped: half a million entries cost no memory.
func TestCheckManyZipEntries(t *testing.T) {
	n := 500_000
	if !testshared.Scale() {
		n = 70_000 // past 65,535: the zip64 end record
	}
	name := filepath.Join(t.TempDir(), "many.zip")
	f, _ := os.Create(name)
	zw := zip.NewWriter(f)
	w, _ := zw.Create(ManifestName)
	io.WriteString(w, manifestOf())
	for i := range n {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%d", i), Method: zip.Store})
		w.Write([]byte("x"))
	}
	zw.Close()
	f.Close()
	var problems []string
	var err error
	peak, total := testshared.Memory(func() { problems, err = checkFile(t, name, false) })
	t.Logf("peak heap %.1f MB, allocated %.1f MB", float64(peak)/(1<<20), float64(total)/(1<<20))
	if err != nil || len(problems) != MaxProblems+1 || problems[MaxProblems] != fmt.Sprintf("… and %d more problems", n-MaxProblems) {
		t.Errorf("%d problems, last %q, err %v", len(problems), problems[len(problems)-1], err)
	}
	if peak > 32<<20 {
		t.Errorf("peak heap %d", peak)
	}
}

// TestCheckManifestBounds: a manifest over MaxManifest is refused unread,
// one just under it decodes within the memory bound whatever its entries
// look like, and a single huge value inside is refused as soon as it
// passes 64 KiB.
func TestCheckManifestBounds(t *testing.T) {
	// entries is a manifest of about limit bytes of entries with paths of
	// pathLen hex digits.
	entries := func(limit int, pathLen int) hostileEntry {
		b := []byte(`{"generator":"quipu","files":[`)
		for i := 0; len(b) < limit-pathLen-200; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"path":"`...)
			b = fmt.Appendf(b, "%0*x", pathLen, i)
			b = append(b, `","kind":"asset","bytes":1,"sha256":"`...)
			b = fmt.Appendf(b, "%064x", i+1)
			b = append(b, `"}`...)
		}
		b = append(b, "]}"...)
		return hostileEntry{ManifestName, int64(len(b)), bytes.NewReader(b)}
	}
	big := int64(100 << 20)
	if !testshared.Scale() {
		big = MaxManifest + 1
	}
	for _, tc := range []struct {
		name     string
		manifest func() hostileEntry
		want     string
	}{
		{"over the cap", func() hostileEntry { return hostileEntry{ManifestName, big, zeros{}} }, fmt.Sprintf("%d bytes, more than the 33554432 a manifest may have", big)},
		{"short paths at the cap", func() hostileEntry { return entries(MaxManifest, 1) }, "not in the manifest"},
		{"long paths at the cap", func() hostileEntry { return entries(MaxManifest, 4000) }, "not in the manifest"},
		{"one huge value", func() hostileEntry {
			return manifestEntry(`{"generator":"quipu","commit":"` + strings.Repeat("a", 30<<20) + `"}`)
		}, "a value longer than 65536 bytes"},
		{"locales", func() hostileEntry {
			return manifestEntry(`{"generator":"quipu","locales":[` + strings.Repeat(`{"locale":"x"},`, 2000) + `{}]}`)
		}, "more than 1000 locales"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The manifest's text is dropped before the check, so that
			// only what checking holds is measured.
			name := hostileTarGz(t, tc.manifest(), hostileEntry{"extra", 1, strings.NewReader("x")})
			var problems []string
			var err error
			peak, total := testshared.Memory(func() { problems, err = checkFile(t, name, false) })
			t.Logf("peak heap %.1f MB, allocated %.1f MB", float64(peak)/(1<<20), float64(total)/(1<<20))
			if err != nil || !hasProblem(problems, tc.want) {
				t.Errorf("problems %.300q, err %v; want %q", problems, err, tc.want)
			}
			if peak > maxPeak {
				t.Errorf("peak heap %d", peak)
			}
		})
	}
}
