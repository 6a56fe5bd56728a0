package project_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/lock"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// twoDocProject is a synced project with a short document, a.md, and a
// long one, sub/b.md, whose PO files are exported and fully translated;
// it returns the project and the PO files.
func twoDocProject(t *testing.T) (*project.Project, []string) {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "quipu.toml"), `locales = ["es-PE"]`+"\n")
	write(t, filepath.Join(dir, "content/a.md"), "# A\n\nOne line.\n")
	var long strings.Builder
	long.WriteString("# B\n")
	for i := range 300 {
		fmt.Fprintf(&long, "\nParagraph number %d of the long document, with a few words more.\n", i)
	}
	write(t, filepath.Join(dir, "content/sub/b.md"), long.String())
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(project.SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	files, err := p.ExportPO(project.ExchangeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	translate := regexp.MustCompile(`(?m)^(msgid "(.+)"\nmsgstr )""$`)
	for i, f := range files {
		files[i] = filepath.Join(dir, f)
		write(t, files[i], translate.ReplaceAllString(read(t, files[i]), `${1}"ES ${2}"`))
	}
	return p, files
}

// TestImportWaitsForTheLock: an import writes message files, as sync does,
// so it does not start while another run holds the project's lock.
func TestImportWaitsForTheLock(t *testing.T) {
	p, files := twoDocProject(t)
	l, err := lock.Acquire(filepath.Join(p.Root, tree.LockFile))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	before := snapshot(t, p)
	_, err = p.ImportPO(files, project.ImportOptions{})
	if want := fmt.Sprintf("another quipu is running (pid %d)", os.Getpid()); err == nil || err.Error() != want {
		t.Fatalf("import while locked: %v, want %q", err, want)
	}
	sameFiles(t, p, before)
	// A dry run writes nothing: it needs no lock.
	res, err := p.ImportPO(files, project.ImportOptions{DryRun: true})
	if err != nil || len(res.Changed) != 2 {
		t.Fatalf("dry run while locked: %+v, %v; want 2 files that would change", res, err)
	}
	l.Release()
	if res, err := p.ImportPO(files, project.ImportOptions{}); err != nil || len(res.Changed) != 2 {
		t.Fatalf("import after the lock was released: %+v, %v", res, err)
	}
}
