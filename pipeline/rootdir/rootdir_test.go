package rootdir

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFindWalksUpLikeGit protects running quipu from a project's
// subfolder: the nearest folder upward with quipu.toml, or with content/
// and locales/, is the project.
func TestFindWalksUpLikeGit(t *testing.T) {
	tmp := t.TempDir()
	mk := func(p string) string {
		full := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(full, 0o755); err != nil {
			t.Fatal(err)
		}
		return full
	}
	withToml := mk("a")
	if err := os.WriteFile(filepath.Join(withToml, "quipu.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	deep := mk("a/content/news/2026")
	bare := mk("b")
	mk("b/content/x")
	mk("b/locales")
	nothing := mk("c/d")
	fresh := mk("c/new")
	mk("c/new/content/news")
	for _, tc := range []struct{ start, want string }{
		{deep, withToml},
		{withToml, withToml},
		{filepath.Join(bare, "content", "x"), bare},
		{filepath.Join(bare, "locales"), bare},
		{nothing, nothing},
		{filepath.Join(fresh, "content", "news"), fresh},
	} {
		got, err := Find(tc.start)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("Find(%s) = %s, want %s", tc.start, got, tc.want)
		}
	}
	// A relative start that is the project stays as written.
	t.Chdir(withToml)
	if got, _ := Find("."); got != "." {
		t.Errorf(`Find(".") in the project = %q, want "."`, got)
	}
}
