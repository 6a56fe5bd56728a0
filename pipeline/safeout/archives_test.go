package safeout

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
)

// quipuBundle is a small bundle as quipu export makes it.
func quipuBundle(t *testing.T) *bundle.Bundle {
	t.Helper()
	b, err := bundle.New(bundle.Meta{Version: "1", SourceLocale: "en"}, []bundle.Stats{{Locale: "en"}},
		[]bundle.File{{Path: "en/a.html", Locale: "en", Kind: bundle.KindPage, Data: []byte("<p>a</p>")}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// quipuArchive is quipuBundle written as an archive.
func quipuArchive(t *testing.T, format bundle.Format) string {
	t.Helper()
	var buf bytes.Buffer
	if err := bundle.Write(&buf, format, quipuBundle(t).Entries(), 0); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// quipuManifest is the manifest.json of quipuBundle.
func quipuManifest(t *testing.T) string {
	b := quipuBundle(t)
	return string(bundle.EncodeManifest(&b.Manifest))
}

func gzipped(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// zipped is a zip of files, not written by quipu: names and contents in
// turn, in the order given.
func zipped(t *testing.T, files ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// tarGzipped is a tar.gz of files, not written by quipu: names and
// contents in turn, in the order given.
func tarGzipped(t *testing.T, files ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for i := 0; i < len(files); i += 2 {
		if err := tw.WriteHeader(&tar.Header{Name: files[i], Mode: 0o644, Size: int64(len(files[i+1])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(files[i+1]))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
