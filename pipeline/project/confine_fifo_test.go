//go:build unix

package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/quipu-l10n/quipu/pipeline/config"
)

// TestNamedPipesRefused: a named pipe named like a document, a message
// file, the glossary or the configuration is reported at its path, and
// never opened: reading it would wait forever, holding the project's lock.
func TestNamedPipesRefused(t *testing.T) {
	run := func(p *Project) error { _, err := p.Sync(SyncOptions{}); return err }
	build := func(p *Project) error { _, err := p.Build(BuildOptions{}); return err }
	status := func(p *Project) error { _, err := p.Status(nil); return err }
	for _, tt := range []struct {
		pipe string
		cmd  func(*Project) error
	}{
		{"content/f.md", run},
		{"content/guide/f.html", build},
		{"locales/es-PE/a.es-PE.toml", run},
		{"locales/es-PE/a.es-PE.toml", build},
		{"locales/es-PE/a.es-PE.toml", status},
		{"locales/es-PE/a.obsolete.es-PE.toml", run},
		{"locales/es-PE/gone.es-PE.toml", run},
		{"locales/glossary.toml", run},
		{config.File, nil},
	} {
		t.Run(tt.pipe, func(t *testing.T) {
			root, _ := confined(t, map[string]string{"content/a.md": "# A\n\nText.\n"})
			p, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Sync(SyncOptions{}); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(root, filepath.FromSlash(tt.pipe))
			os.MkdirAll(filepath.Dir(name), 0o755)
			os.Remove(name)
			if err := unix.Mkfifo(name, 0o644); err != nil {
				t.Skip("mkfifo:", err)
			}
			done := make(chan error, 1)
			go func() {
				p, err := Open(root)
				if err == nil {
					err = tt.cmd(p)
				}
				done <- err
			}()
			select {
			case err := <-done:
				want := tt.pipe + ": not a regular file (a named pipe)"
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("error %v, want %s", err, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("quipu waits on a named pipe")
			}
		})
	}
}
