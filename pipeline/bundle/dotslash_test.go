package bundle_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
)

// TestTarDotSlashEntries: `tar czf b.tar.gz -C dir .` names entries
// "./en/a.html" and the folder "./": read as en/a.html, while "..",
// absolute paths, "./" inside a path and links stay refused.
func TestTarDotSlashEntries(t *testing.T) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	add := func(name string, typ byte, body string) {
		h := &tar.Header{Name: name, Typeflag: typ, Mode: 0o644, Size: int64(len(body))}
		if typ == tar.TypeSymlink {
			h.Linkname, h.Size = "/etc/passwd", 0
		}
		if typ == tar.TypeDir {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write([]byte(body))
		}
	}
	add("./", tar.TypeDir, "")
	add("./en/", tar.TypeDir, "")
	add("./en/a.html", tar.TypeReg, "<p>a</p>")
	add("./../escape", tar.TypeReg, "x")
	add("/abs", tar.TypeReg, "x")
	add("./en/./b.html", tar.TypeReg, "x")
	add("./link", tar.TypeSymlink, "")
	tw.Close()
	gz.Close()
	files, problems, err := bundle.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Path != "en/a.html" {
		t.Errorf("files %+v, want en/a.html alone", files)
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{`"../escape": path leaves the bundle`, `"/abs": absolute path`, `"en/./b.html": path not in clean form`, "link: a symbolic link"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
}
