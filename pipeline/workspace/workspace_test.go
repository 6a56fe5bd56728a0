package workspace_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// tree makes a project folder and a folder outside it, with the links of
// the tests: each link is named after where it leads.
func tree(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "project"), filepath.Join(base, "outside")
	for _, dir := range []string{"project/content/guide", "project/shared", "outside/x"} {
		if err := os.MkdirAll(filepath.Join(base, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"project/content/a.md", "project/shared/logo.png", "outside/secret"} {
		if err := os.WriteFile(filepath.Join(base, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"project/content/abs.md":      filepath.Join(outside, "secret"), // absolute, outside
		"project/content/up.md":       "../../outside/secret",           // relative, outside
		"project/content/in.md":       "a.md",                           // stays inside
		"project/content/img":         "../shared",                      // a folder, inside
		"project/locales":             outside,                          // a folder, outside
		"project/dangling":            filepath.Join(outside, "new"),    // to nothing, outside
		"project/dangling-in":         "not-yet",                        // to nothing, inside
		"project/content/guide/loop1": "loop2",
		"project/content/guide/loop2": "loop1",
	}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(base, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	return root, outside
}

// TestResolveConfinesLinks: every path that leads outside the project, at
// any depth, existing or not, is refused at the link that leads out, and
// the answer is the same whether the project is named "." or by its
// absolute path.
func TestResolveConfinesLinks(t *testing.T) {
	root, outside := tree(t)
	realOutside, _ := filepath.EvalSymlinks(outside)
	tests := []struct {
		rel  string
		link string // the link refused; "" if inside
		to   string // where it leads
	}{
		{rel: "content/a.md"},
		{rel: "content/in.md"},
		{rel: "content/img/logo.png"},
		{rel: "content/new/deeper/file.md"},
		{rel: "dangling-in/x"},
		{rel: "content/abs.md", link: "content/abs.md", to: filepath.Join(realOutside, "secret")},
		{rel: "content/up.md", link: "content/up.md", to: filepath.Join(realOutside, "secret")},
		{rel: "locales", link: "locales", to: realOutside},
		{rel: "locales/es-PE/a.es-PE.toml", link: "locales", to: realOutside},
		{rel: "locales/x/y", link: "locales", to: realOutside},
		{rel: "dangling", link: "dangling", to: filepath.Join(realOutside, "new")},
		{rel: "dangling/sub/file", link: "dangling", to: filepath.Join(realOutside, "new")},
	}
	for _, named := range []string{".", "abs"} {
		t.Run(named, func(t *testing.T) {
			if named == "." {
				t.Chdir(root)
			} else {
				named = root
			}
			ws, err := workspace.Open(named)
			if err != nil {
				t.Fatal(err)
			}
			for _, tt := range tests {
				got, err := ws.Resolve(tt.rel)
				var esc *workspace.EscapeError
				switch {
				case tt.link == "" && err != nil:
					t.Errorf("Resolve(%s): %v", tt.rel, err)
				case tt.link == "" && !workspace.Within(ws.Real(), got):
					t.Errorf("Resolve(%s) = %s, outside %s", tt.rel, got, ws.Real())
				case tt.link != "" && !errors.As(err, &esc):
					t.Errorf("Resolve(%s) = %s, %v; want an escape through %s", tt.rel, got, err, tt.link)
				case tt.link != "" && (esc.Path != tt.link || esc.To != tt.to):
					t.Errorf("Resolve(%s): escape %+v, want through %s to %s", tt.rel, esc, tt.link, tt.to)
				}
				if _, err := ws.Path(tt.rel); (err != nil) != (tt.link != "" && tt.link != tt.rel) {
					t.Errorf("Path(%s): %v", tt.rel, err)
				}
			}
		})
	}
}

// TestResolveRefusesWrittenOutside: absolute paths and paths climbing out
// are refused before any look at the disk.
func TestResolveRefusesWrittenOutside(t *testing.T) {
	ws, err := workspace.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"..", "../x", "a/../../x", "/etc/passwd", filepath.Join(t.TempDir(), "x")} {
		_, err := ws.Resolve(rel)
		var esc *workspace.EscapeError
		if !errors.As(err, &esc) || esc.To != "" {
			t.Errorf("Resolve(%q): %v", rel, err)
		}
	}
	if got, err := ws.Resolve("a/../b"); err != nil || got != filepath.Join(ws.Real(), "b") {
		t.Errorf("Resolve(a/../b) = %s, %v", got, err)
	}
}

func TestResolveLoop(t *testing.T) {
	root, _ := tree(t)
	ws, err := workspace.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Resolve("content/guide/loop1/x"); err == nil {
		t.Error("a loop of links resolved")
	}
}

// TestReadFileConfines: a file read through a link is read only when the
// link leads inside.
func TestReadFileConfines(t *testing.T) {
	root, _ := tree(t)
	ws, err := workspace.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"content/a.md", "content/in.md", "content/img/logo.png"} {
		if data, err := ws.ReadFile(rel); err != nil || string(data) != "x" {
			t.Errorf("ReadFile(%s) = %q, %v", rel, data, err)
		}
	}
	for _, rel := range []string{"content/abs.md", "content/up.md", "locales/secret"} {
		var esc *workspace.EscapeError
		if data, err := ws.ReadFile(rel); !errors.As(err, &esc) {
			t.Errorf("ReadFile(%s) = %q, %v; want an escape", rel, data, err)
		}
	}
	if _, err := ws.ReadFile("content/missing.md"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing): %v", err)
	}
	var nr *workspace.NotRegularError
	if _, err := ws.ReadFile("content/guide"); !errors.As(err, &nr) {
		t.Errorf("ReadFile(folder): %v", err)
	}
}

// TestReadFileNamedPipe: a named pipe is refused at once, not waited on.
func TestReadFileNamedPipe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	root := t.TempDir()
	if err := mkfifo(filepath.Join(root, "f.md")); err != nil {
		t.Skip("mkfifo:", err)
	}
	if err := os.Symlink("f.md", filepath.Join(root, "link.md")); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"f.md", "link.md"} {
		done := make(chan error, 1)
		go func() {
			_, err := ws.ReadFile(rel)
			done <- err
		}()
		select {
		case err := <-done:
			var nr *workspace.NotRegularError
			if !errors.As(err, &nr) || nr.Mode&os.ModeNamedPipe == 0 {
				t.Errorf("ReadFile(%s): %v", rel, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadFile(%s) waits on a named pipe", rel)
		}
		if err := ws.Regular(rel); err == nil {
			t.Errorf("Regular(%s) accepted a named pipe", rel)
		}
	}
}

// TestOwns: a path read from a journal is accepted only inside.
func TestOwns(t *testing.T) {
	root, outside := tree(t)
	ws, err := workspace.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	for name, ok := range map[string]bool{
		filepath.Join(root, "content/a.md"):        true,
		filepath.Join(root, "content/img/new.png"): true,
		filepath.Join(outside, "secret"):           false,
		filepath.Join(root, "locales/secret"):      false,
		filepath.Join(root, "content/abs.md"):      true, // removing a link removes the link
		root:                                       false,
	} {
		if err := ws.Owns(name); (err == nil) != ok {
			t.Errorf("Owns(%s): %v", name, err)
		}
	}
}

func TestOverlap(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"/p/output", "/p/content", false},
		{"/p/out", "/p/output", false},
		{"/p", "/p/content", true},
		{"/p/content", "/p/content", true},
		{"/p/content/site", "/p/content", true},
	} {
		if got := workspace.Overlap(tt.a, tt.b); got != tt.want {
			t.Errorf("Overlap(%s, %s) = %v", tt.a, tt.b, got)
		}
	}
}
