package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/bundlefile"
)

// TestExportNeverReplacesProject: a folder export to the project itself
// (which holds a manifest.json of its own), to content/ or to a web app's
// public/ folder is refused, with or without force, and every file stays
// as it was; an archive is never written into content/.
func TestExportNeverReplacesProject(t *testing.T) {
	p := newProject(t, 2, 0)
	b := export(t, p, ExportOptions{})
	os.WriteFile(p.Abs("manifest.json"), []byte(`{"name":"x"}`), 0o644)
	public := p.Abs("public")
	os.MkdirAll(public, 0o755)
	os.WriteFile(filepath.Join(public, "manifest.json"), []byte(`{"name":"My app","start_url":"/"}`), 0o644)
	os.WriteFile(filepath.Join(public, "index.html"), []byte("app"), 0o644)
	count := func() int {
		n := 0
		filepath.WalkDir(p.Root, func(string, os.DirEntry, error) error { n++; return nil })
		return n
	}
	before := count()
	for _, tc := range []struct {
		dst    string
		format bundle.Format
		force  bool
		want   string
	}{
		{p.Root, bundle.Dir, false, "is the project folder"},
		{p.Root, bundle.Dir, true, "is the project folder"},
		{p.Abs("content"), bundle.Dir, true, "is the content folder"},
		{p.Abs(".quipu"), bundle.Dir, true, "is quipu's cache folder"},
		{filepath.Dir(p.Root), bundle.Dir, true, "holds the project folder"},
		{public, bundle.Dir, false, "no manifest.json written by quipu"},
		{p.Abs("content/site.tar.gz"), bundle.TarGz, true, "is inside the content folder"},
		{p.Abs("quipu.toml"), bundle.Zip, true, "is the configuration"},
	} {
		g := bundlefile.Guard(p.Tree, tc.force)
		if err := bundlefile.CheckTarget(tc.dst, tc.format, g); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("bundlefile.CheckTarget(%s, %s, force %v): %v, want %q", tc.dst, tc.format, tc.force, err, tc.want)
		}
		if err := bundlefile.Write(tc.dst, tc.format, b, g); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("bundlefile.Write(%s, %s, force %v): %v, want %q", tc.dst, tc.format, tc.force, err, tc.want)
		}
	}
	if after := count(); after != before {
		t.Errorf("%d files and folders before, %d after", before, after)
	}
	// public/ with --force, and an export beside the project, are fine.
	for _, dst := range []string{public, filepath.Join(t.TempDir(), "site")} {
		if err := bundlefile.Write(dst, bundle.Dir, b, bundlefile.Guard(p.Tree, dst == public)); err != nil {
			t.Error(err)
		}
	}
}

// TestMergeLoadsOnlyVerified: a shard whose manifest lists more than a
// merge may hold is refused before anything is read.
func TestMergeLoadsOnlyVerified(t *testing.T) {
	dir := t.TempDir()
	man := `{"generator":"quipu","files":[{"path":"big","kind":"asset","bytes":` + "3000000000" + `,"sha256":"` + strings.Repeat("a", 64) + `"}]}`
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(man), 0o644)
	if _, err := bundlefile.Merge([]string{dir}); err == nil || !strings.Contains(err.Error(), "lists more than") {
		t.Errorf("merge: %v", err)
	}
}
