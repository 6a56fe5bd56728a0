package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// quipuIn runs quipu on the project dir and fails the test on a non-zero
// exit, showing what it said.
func quipuIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(append([]string{"quipu", "-C", dir}, args...), &out, &errOut); code != 0 {
		t.Fatalf("quipu %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String() + errOut.String()
}

// siteFixture copies testdata/sites/name into a fresh folder.
func siteFixture(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "sites", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestHugoSiteBuiltByHugo localizes the Hugo fixture in place (init
// --hugo, sync, build) and builds it with the real hugo, translations by
// file name and in a contentDir per language: the es-pe pages carry the
// translation, Hugo's hreflang alternates join the languages, ref and
// relref links lead to the es-pe pages, and the page bundle's image is
// published beside the es-pe page.
func TestHugoSiteBuiltByHugo(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (Debian's hugo package; .ci/run installs it): the real-site build is not tested")
	}
	t.Run("by file name", func(t *testing.T) {
		dir := siteFixture(t, "hugo")
		testHugoSite(t, hugo, dir, filepath.Join(dir, "content", "posts", "lima-walk.es-pe.md"))
	})
	t.Run("contentDir per language", func(t *testing.T) {
		dir := siteFixture(t, "hugo")
		if err := os.Rename(filepath.Join(dir, "content"), filepath.Join(dir, "en")); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, "en"), filepath.Join(dir, "content", "en")); err != nil {
			t.Fatal(err)
		}
		cfg, err := os.ReadFile(filepath.Join(dir, "hugo.toml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg = bytes.Replace(cfg, []byte("[languages.en]\n"), []byte("[languages.en]\ncontentDir = \"content/en\"\n"), 1)
		cfg = bytes.Replace(cfg, []byte("[languages.es-pe]\n"), []byte("[languages.es-pe]\ncontentDir = \"content/es-pe\"\n"), 1)
		if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), cfg, 0o644); err != nil {
			t.Fatal(err)
		}
		testHugoSite(t, hugo, dir, filepath.Join(dir, "content", "es-pe", "posts", "lima-walk.md"))
	})
}

// testHugoSite localizes and builds the Hugo site in dir, whose es-PE
// Lima page is placed at placed.
func testHugoSite(t *testing.T, hugo, dir, placed string) {
	quipuIn(t, dir, "init", "--hugo")
	quipuIn(t, dir, "sync")
	quipuIn(t, dir, "build", "--strict")

	data, err := os.ReadFile(placed)
	if err != nil {
		t.Fatalf("build did not place the es-PE page where Hugo reads it: %v", err)
	}
	if !bytes.Contains(data, []byte("\n> [!TIP]\n> Lleven sencillo")) {
		t.Errorf("%s lost the alert's marker:\n%s", placed, data)
	}
	if !bytes.Contains(data, []byte("quipu_generated: true")) {
		t.Errorf("%s does not say it is generated:\n%s", placed, data)
	}
	// The placed pages are translations, not documents: a sync after the
	// build finds nothing new.
	if out := quipuIn(t, dir, "sync"); !strings.Contains(out, "0 new") {
		t.Errorf("sync after build read the placed pages as documents:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "locales", "en", "posts", "lima-walk.es-pe.en.toml")); err == nil {
		t.Error("sync made a message file for a placed page")
	}

	cmd := exec.Command(hugo, "--minify=false", "--source", dir, "--destination", filepath.Join(dir, "public"))
	if out, err := cmd.CombinedOutput(); err != nil || bytes.Contains(out, []byte("ERROR")) || bytes.Contains(out, []byte("WARN")) {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	lima := read("es-pe/posts/lima-walk/index.html")
	inca := read("es-pe/posts/inca-trail/index.html")
	en := read("posts/lima-walk/index.html")
	for _, c := range []struct{ page, name, want string }{
		{lima, "es-pe Lima page", `<html lang="es-PE">`},
		{lima, "es-pe Lima page", `<title>Una caminata matutina por el Centro de Lima</title>`},
		{lima, "es-pe Lima page", `<h2 id="plaza-mayor">La Plaza Mayor</h2>`},
		{lima, "es-pe Lima page", `Lleven sencillo para el bus de regreso a Miraflores.`},
		{lima, "es-pe Lima page", `<link rel="alternate" hreflang="en" href="https://trails.example.org/posts/lima-walk/">`},
		{en, "en Lima page", `<link rel="alternate" hreflang="es-PE" href="https://trails.example.org/es-pe/posts/lima-walk/">`},
		{en, "en Lima page", `Carry small coins for the bus back to Miraflores.`},
		// ref from an es-pe page leads to the es-pe page.
		{lima, "es-pe Lima page", `<a href="https://trails.example.org/es-pe/posts/inca-trail/">nuestra guía del Camino Inca</a>`},
		{inca, "es-pe Inca Trail page", `<a href="/es-pe/posts/lima-walk/">la caminata por Lima</a>`},
		{inca, "es-pe Inca Trail page", `<strong>Altura</strong>`},
		{inca, "es-pe Inca Trail page", `<img src="terraces.png"`},
		// A shortcode's alt= and title= are translated; the shortcode stays.
		{inca, "es-pe Inca Trail page", `alt="Andenes de piedra en una ladera verde"`},
		{inca, "es-pe Inca Trail page", `Lleven una casaca abrigadora`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("%s lacks %s:\n%s", c.name, c.want, c.page)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "es-pe", "posts", "inca-trail", "terraces.png")); err != nil {
		t.Errorf("the page bundle's image is not beside the es-pe page: %v", err)
	}
}
