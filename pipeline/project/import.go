package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

// TextImportOptions tune Import.
type TextImportOptions struct {
	// Out is the project-relative path of the Markdown document to write;
	// empty means <content>/<name of the file>.md.
	Out string
	// Force allows replacing an existing file.
	Force bool
}

// Import converts a plain-text article (a title line, heading lines,
// paragraph lines) into a Markdown document under the content folder, and
// returns the document's project-relative path. It never replaces an
// existing file unless told to.
func (p *Project) Import(file string, opt TextImportOptions) (string, error) {
	// A sync or build running meanwhile would miss the document, or read
	// it in the middle of their run.
	l, err := p.lock()
	if err != nil {
		return "", err
	}
	defer l.Release()
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	if off := pipeline.InvalidUTF8(src); off >= 0 {
		return "", pipeline.ErrorAt(file, src, off, "invalid UTF-8 at byte offset %d", off)
	}
	out := opt.Out
	if out == "" {
		base := filepath.Base(file)
		out = path.Join(p.Config.Content, strings.TrimSuffix(base, filepath.Ext(base))+".md")
	}
	out = filepath.ToSlash(filepath.Clean(out))
	if filepath.IsAbs(out) || out == ".." || strings.HasPrefix(out, "../") {
		return "", fmt.Errorf("%s: the document must go inside the project", out)
	}
	if f := p.formats.For(out); f == nil || f.Name() != pipeline.FormatMarkdown {
		return "", fmt.Errorf("%s: the document must be a Markdown file (.md)", out)
	}
	if _, err := os.Stat(p.abs(out)); err == nil && !opt.Force {
		return "", fmt.Errorf("%s already exists (use --force to replace it)", out)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	doc, err := textdoc.Extract(file, src)
	if err != nil {
		return "", err
	}
	if len(doc.Segments) == 0 {
		return "", fmt.Errorf("%s: nothing to import (no line with text)", file)
	}
	md, _ := textdoc.ToMarkdown(doc, func(seg *pipeline.Segment) (string, bool) { return seg.Text, true })
	if err := fsutil.WriteDurable(p.abs(out), md); err != nil {
		return "", fmt.Errorf("write %s: %w", out, err)
	}
	return out, nil
}
