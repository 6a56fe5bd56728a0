package project_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/project"
)

// TestScreenshotSeedPage renders the es-PE seed page in headless Chromium
// and checks that a real page came out. Set QUIPU_SCREENSHOT to keep the
// picture and look at it.
func TestScreenshotSeedPage(t *testing.T) {
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("skipping: no Chromium on this machine (Debian package chromium)")
	}
	root := t.TempDir()
	testshared.CopyTree(t, filepath.Join("..", "..", "content"), filepath.Join(root, "content"))
	testshared.CopyTree(t, filepath.Join("..", "..", "locales"), filepath.Join(root, "locales"))
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(project.BuildOptions{Strict: true}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(root, "output", "es-PE", "us-military-bases-in-peru.html")
	shot := filepath.Join(t.TempDir(), "es-PE.png")
	if keep := os.Getenv("QUIPU_SCREENSHOT"); keep != "" {
		shot = keep
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+t.TempDir(), "--window-size=1200,1800",
		"--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	// A blank page compresses to almost nothing; text makes it vary.
	if b := img.Bounds(); b.Dx() != 1200 || len(data) < 20_000 {
		t.Errorf("screenshot %dx%d, %d bytes: the page did not render", b.Dx(), b.Dy(), len(data))
	}
}
