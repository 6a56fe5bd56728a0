package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
)

// TestPlantedJournalRemovesNothing: a journal quipu did not write, listing
// files inside the project that its kind of run never writes (the
// documents, the configuration, a note, another run's files), makes sync,
// build and import stop with an error naming the journal, and removes
// nothing: a build writes only under output, a sync or an import only
// under locales.
func TestPlantedJournalRemovesNothing(t *testing.T) {
	victims := []string{"content/a.md", "notes.txt", config.File, "locales/es-PE/a.es-PE.toml", "output/es-PE/a.html"}
	for _, tt := range []struct {
		run, journal string
		refused      []string // the victims the journal may not list
	}{
		{"build", config.CacheDir + "/build.journal", victims[:4]},
		{"sync", syncer.Journal, []string{victims[0], victims[1], victims[2], victims[4]}},
		{"xliff import", syncer.Journal, []string{victims[0], victims[1], victims[2], victims[4]}},
	} {
		t.Run(tt.run, func(t *testing.T) {
			root := t.TempDir()
			for _, rel := range append(victims, config.CacheDir+"/.keep") {
				name := filepath.Join(root, rel)
				os.MkdirAll(filepath.Dir(name), 0o755)
				data := "keep\n"
				if rel == config.File {
					data = "locales = [\"es-PE\"]\n"
				} else if strings.HasSuffix(rel, ".md") {
					data = "# A\n"
				}
				if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var journal []byte
			for _, rel := range victims {
				journal = append(append(append(journal, '+'), filepath.Join(root, rel)...), 0)
			}
			os.WriteFile(filepath.Join(root, tt.journal), journal, 0o644)
			p, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			switch tt.run {
			case "build":
				_, err = p.Build(BuildOptions{})
			case "sync":
				_, err = p.Sync(SyncOptions{})
			default:
				_, err = p.ImportXLIFF([]string{filepath.Join(root, "notes.txt")}, ImportOptions{})
			}
			if err == nil || !strings.Contains(err.Error(), filepath.Join(root, tt.journal)) {
				t.Fatalf("%s: %v", tt.run, err)
			}
			for _, rel := range tt.refused {
				if !strings.Contains(err.Error(), filepath.Join(root, rel)+": not in the folder") {
					t.Errorf("%s: %s not reported: %v", tt.run, rel, err)
				}
			}
			for _, rel := range victims {
				if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
					t.Errorf("%s removed %s", tt.run, rel)
				}
			}
			if _, err := os.Stat(filepath.Join(root, tt.journal)); err != nil {
				t.Errorf("the journal went: %v", err)
			}
		})
	}
}
