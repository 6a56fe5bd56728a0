//go:build linux || darwin

package interop_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/quipu-l10n/quipu/pipeline/interop"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// fileLimitEnv, in a re-executed test binary, asks for an import run
// with a limit on the size of the files it writes (see
// TestImportAllOrNothing).
const fileLimitEnv = "QUIPU_TEST_IMPORT_FILE_LIMIT"

// TestImportAllOrNothing: an import that cannot write its second message
// file, here because the disk is full (a limit on file sizes, which binds
// root too, stands for it), leaves the first one as it was, and no
// temporary file behind.
func TestImportAllOrNothing(t *testing.T) {
	if root := os.Getenv(fileLimitEnv); root != "" {
		importWithFileLimit(root, os.Args[len(os.Args)-2:])
		return
	}
	p, files := twoDocProject(t)
	small, large := fileSize(t, p, "locales/es-PE/a.es-PE.toml"), fileSize(t, p, "locales/es-PE/sub/b.es-PE.toml")
	if small*4 > large {
		t.Fatalf("message files of %d and %d bytes: the limit cannot fall between their new versions", small, large)
	}
	before := snapshot(t, p)
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportAllOrNothing$", "--", files[0], files[1])
	cmd.Env = append(os.Environ(), fileLimitEnv+"="+p.Root)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("import succeeded beyond the disk's room:\n%s", out)
	}
	if !strings.Contains(string(out), "import failed: ") || !strings.Contains(string(out), "file too large") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	sameFiles(t, p, before)
}

// importWithFileLimit imports the PO files into the project at root, no
// file written growing past twice the size of the first message file.
func importWithFileLimit(root string, files []string) {
	p, err := tree.Open(root)
	if err == nil {
		var fi os.FileInfo
		fi, err = os.Stat(filepath.Join(root, "locales/es-PE/a.es-PE.toml"))
		if err == nil {
			limit := uint64(2 * fi.Size())
			err = unix.Setrlimit(unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: limit, Max: limit})
		}
	}
	if err == nil {
		_, err = interop.ImportPO(p, files, interop.ImportOptions{})
	}
	if err != nil {
		fmt.Println("import failed:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func fileSize(t *testing.T, p *tree.Tree, rel string) int64 {
	t.Helper()
	fi, err := os.Stat(filepath.Join(p.Root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
