//go:build unix

package siteinit

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A site's configuration is read as every project file is: a named pipe
// in its place is refused at once, not waited on, and a link leading out
// of the site is not read.
func TestReadRefusesPipesAndLinksOut(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "hugo.toml")
	if err := os.WriteFile(outside, []byte("defaultContentLanguage = \"en\"\n[languages.en]\n[languages.es-pe]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, plant := range map[string]func(string) error{
		"named pipe": func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"link out":   func(p string) error { return os.Symlink(outside, p) },
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			if err := plant(filepath.Join(root, "hugo.toml")); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := Read(root, "hugo", []string{"es-PE"})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Fatalf("Read took a %s for the site's configuration", name)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("Read waited on a %s", name)
			}
		})
	}
}
