package bundle

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

// crafted is an archive entry written by hand, as an attacker would.
type crafted struct {
	name     string
	typeflag byte // tar type; for zip, TypeSymlink means a symlink mode
	data     string
	link     string
}

func craftTarGz(t testing.TB, entries []crafted) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typeflag, Mode: 0o644, Size: int64(len(e.data)), Linkname: e.link}
		if e.typeflag != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write([]byte(e.data))
		}
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

func craftZip(t testing.TB, entries []crafted) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Store}
		data := e.data
		switch e.typeflag {
		case tar.TypeSymlink:
			h.SetMode(fs.ModeSymlink | 0o777)
			data = e.link
		case tar.TypeDir:
			h.SetMode(fs.ModeDir | 0o755)
		default:
			h.SetMode(0o644)
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	zw.Close()
	return buf.Bytes()
}

// TestReadRejectsEscapes: entries that could write outside the folder an
// archive is unpacked into never come out of Read; each is a problem.
func TestReadRejectsEscapes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		entries []crafted
		want    string // in the problem
	}{
		{"dot-dot", []crafted{{name: "../evil.txt", typeflag: tar.TypeReg, data: "x"}}, "leaves the bundle"},
		{"nested dot-dot", []crafted{{name: "en/../../evil.txt", typeflag: tar.TypeReg, data: "x"}}, "leaves the bundle"},
		{"absolute", []crafted{{name: "/tmp/evil.txt", typeflag: tar.TypeReg, data: "x"}}, "absolute"},
		{"backslash", []crafted{{name: "..\\evil.txt", typeflag: tar.TypeReg, data: "x"}}, "backslash"},
		{"symlink", []crafted{{name: "en/link", typeflag: tar.TypeSymlink, link: "/etc/passwd"}}, "symbolic link"},
		{"dot-dot dir", []crafted{{name: "../d/", typeflag: tar.TypeDir}}, "leaves the bundle"},
		{"duplicate", []crafted{{name: "a", typeflag: tar.TypeReg, data: "1"}, {name: "a", typeflag: tar.TypeReg, data: "2"}}, "twice"},
	} {
		for format, data := range map[Format][]byte{TarGz: craftTarGz(t, tc.entries), Zip: craftZip(t, tc.entries)} {
			t.Run(tc.name+"/"+string(format), func(t *testing.T) {
				files, problems, err := Read(data)
				if err != nil {
					t.Fatal(err)
				}
				if len(problems) != 1 || !strings.Contains(problems[0], tc.want) {
					t.Errorf("problems %q, want one with %q", problems, tc.want)
				}
				for _, f := range files {
					if CheckPath(f.Path) != nil {
						t.Errorf("unsafe file returned: %q", f.Path)
					}
				}
			})
		}
	}
	hard := craftTarGz(t, []crafted{{name: "en/hard", typeflag: tar.TypeLink, link: "../../etc/passwd"}})
	if _, problems, _ := Read(hard); len(problems) != 1 || !strings.Contains(problems[0], "hard link") {
		t.Errorf("hard link: problems %q", problems)
	}
	if _, _, err := Read([]byte("plain text")); err == nil {
		t.Error("Read accepted a file that is no archive")
	}
}

func FuzzRead(f *testing.F) {
	meta, stats, files := sample()
	b, err := New(meta, stats, files)
	if err != nil {
		f.Fatal(err)
	}
	for _, format := range []Format{TarGz, Zip} {
		var buf bytes.Buffer
		if err := Write(&buf, format, b.Entries(), meta.Epoch); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add(craftTarGz(f, []crafted{{name: "../x", typeflag: tar.TypeReg, data: "x"}, {name: "l", typeflag: tar.TypeSymlink, link: "/"}}))
	f.Add(craftZip(f, []crafted{{name: "../x", typeflag: tar.TypeReg, data: "x"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		files, _, err := Read(data)
		if err != nil {
			return
		}
		for _, f := range files {
			if err := CheckPath(f.Path); err != nil {
				t.Fatalf("Read returned an unsafe path: %v", err)
			}
		}
		Verify(files)
	})
}

func FuzzDecodeManifest(f *testing.F) {
	meta, stats, files := sample()
	b, err := New(meta, stats, files)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(EncodeManifest(&b.Manifest))
	f.Add([]byte(`{"files":[{"path":"../x","bytes":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeManifest(data)
		if err != nil {
			return
		}
		// A manifest that decodes must survive a round trip.
		if _, err := DecodeManifest(EncodeManifest(m)); err != nil {
			t.Fatalf("re-encoded manifest does not decode: %v", err)
		}
		Verify([]File{{Path: ManifestName, Data: data}})
	})
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"0/1", "3/4", "4/4", "-1/2", "1", "/", "01/02"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, n, err := ParseShard(s)
		if err != nil {
			return
		}
		if i < 0 || i >= n {
			t.Fatalf("ParseShard(%q) = %d/%d", s, i, n)
		}
		if j, m, err := ParseShard(fmt.Sprintf("%d/%d", i, n)); err != nil || j != i || m != n {
			t.Fatalf("%d/%d does not read back: %d/%d, %v", i, n, j, m, err)
		}
	})
}
