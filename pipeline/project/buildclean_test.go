package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/cache"
	"github.com/quipu-l10n/quipu/pipeline/resolve"
)

// TestBuildRemovesPagesOfDeletedDocuments: once a document is deleted, the
// next build removes the pages builds wrote for it, in every locale ever
// built (the pseudo-locale's too, built on its own), and the folder they
// leave empty; the cache forgets the document. A file put in output/ by
// hand stays, and a build after that changes nothing.
func TestBuildRemovesPagesOfDeletedDocuments(t *testing.T) {
	p := newProject(t, 6, 0)
	build := func(opt BuildOptions) *BuildResult {
		t.Helper()
		res, err := p.Build(opt)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	build(BuildOptions{})
	build(BuildOptions{Locales: []string{"qps"}})
	hand := []string{"output/notes.txt", "output/es-PE/guide/extra.html", "output/en/ref/deep/page-05.txt"}
	for _, h := range hand {
		if err := os.WriteFile(p.Abs(h), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// ref/deep/ holds pages 2 and 5 alone (in en/, beside a hand-made
	// file); ref/ holds pages 1 and 4.
	gone := []string{"ref/deep/page-02.md", "ref/deep/page-05.md", "ref/page-04.md"}
	for _, rel := range gone {
		if err := os.Remove(p.Abs("content/" + rel)); err != nil {
			t.Fatal(err)
		}
	}
	res := build(BuildOptions{})
	if res.Documents != 3 {
		t.Fatalf("built %d documents, want 3", res.Documents)
	}
	tree := readOutput(t, p)
	for name := range tree {
		if (strings.Contains(name, "page-02.") || strings.Contains(name, "page-05.") || strings.Contains(name, "page-04.")) && !strings.HasSuffix(name, ".txt") {
			t.Errorf("%s is still there, its document is gone", name)
		}
	}
	for _, h := range hand {
		if tree[h] != "mine" {
			t.Errorf("the hand-made %s was removed", h)
		}
	}
	for _, want := range []string{"output/en/ref/page-01.html", "output/qps/ref/page-01.html", "output/es-PE/guide/page-00.md"} {
		if _, ok := tree[want]; !ok {
			t.Errorf("%s was removed", want)
		}
	}
	if _, err := os.Stat(p.Abs("output/es-PE/ref/deep")); err == nil {
		t.Error("output/es-PE/ref/deep, left empty, is still there")
	}
	c := cache.OpenBuild(p.Tree, p.buildFingerprint([]string{"en", "es-PE"}, false, resolve.Options{}), false)
	if c.Docs["guide/page-00.md"] == nil {
		t.Fatal("the cache lost the documents that are there")
	}
	for _, rel := range gone {
		if c.Wrote[rel] != nil || c.Docs[rel] != nil {
			t.Errorf("the cache still lists the outputs of %s", rel)
		}
	}
	cache, _ := os.ReadFile(p.Abs(".quipu/build.cache"))
	if strings.Contains(string(cache), "page-04") {
		t.Error("the cache still names page-04.md")
	}

	again := build(BuildOptions{})
	if again.Rebuilt != 0 {
		t.Errorf("the next build rebuilt %d documents", again.Rebuilt)
	}
	after := readOutput(t, p)
	if len(after) != len(tree) {
		t.Errorf("the next build left %d files, the one before %d", len(after), len(tree))
	}
	for name, data := range tree {
		if after[name] != data {
			t.Errorf("the next build changed %s", name)
		}
	}
}

// readOutput reads every file under output/, by slash path from the
// project's root.
func readOutput(t *testing.T, p *Project) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(p.Abs("output"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(p.Root, path)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBuildRemovesOnlyOutputs: a build cache that lists, for a document
// that is gone, files outside the output folder (the cache is a file
// anyone can write) makes the build remove none of them.
func TestBuildRemovesOnlyOutputs(t *testing.T) {
	p := newProject(t, 3, 0)
	if _, err := p.Build(BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(p.Root), "outside.txt")
	if err := os.WriteFile(outside, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := cache.OpenBuild(p.Tree, "", false)
	c.SetWritten("gone.md", []string{"content/guide/page-00.md", "../outside.txt", "output/../locales/es-PE/guide/page-00.es-PE.toml"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{p.Abs("content/guide/page-00.md"), outside, p.Abs("locales/es-PE/guide/page-00.es-PE.toml")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("a build removed %s, which a tampered cache listed", f)
		}
	}
}
