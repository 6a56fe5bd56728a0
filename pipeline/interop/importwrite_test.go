package interop_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/interop"
	"github.com/quipu-l10n/quipu/pipeline/lock"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// twoDocProject is a synced project with a short document, a.md, and a
// long one, sub/b.md, whose PO files are exported and fully translated;
// it returns the project and the PO files.
func twoDocProject(t *testing.T) (*tree.Tree, []string) {
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
	p, err := tree.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	files, err := interop.ExportPO(p, interop.ExchangeOptions{})
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
	_, err = interop.ImportPO(p, files, interop.ImportOptions{})
	if want := fmt.Sprintf("another quipu is running (pid %d)", os.Getpid()); err == nil || err.Error() != want {
		t.Fatalf("import while locked: %v, want %q", err, want)
	}
	sameFiles(t, p, before)
	// A dry run writes nothing: it needs no lock.
	res, err := interop.ImportPO(p, files, interop.ImportOptions{DryRun: true})
	if err != nil || len(res.Changed) != 2 {
		t.Fatalf("dry run while locked: %+v, %v; want 2 files that would change", res, err)
	}
	l.Release()
	if res, err := interop.ImportPO(p, files, interop.ImportOptions{}); err != nil || len(res.Changed) != 2 {
		t.Fatalf("import after the lock was released: %+v, %v", res, err)
	}
}
