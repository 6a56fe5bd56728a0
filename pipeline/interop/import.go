package interop

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/config"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/tree"
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
//
// A text file that is itself a document of the project is moved for good:
// the .txt goes and its message files follow the new name, since two
// documents of one name would share them and stop every command.
func Import(t *tree.Tree, file string, opt TextImportOptions) (string, error) {
	p := t
	// Read as plain text, a Markdown or HTML file would have its markup
	// escaped, and its translations would stop matching: it is a
	// document already. The formats say which files they import.
	imp, claimed := p.Formats.ImporterFor(file)
	switch {
	case imp == nil && claimed != nil:
		return "", fmt.Errorf("%s: already %s document; import takes plain-text articles (.txt) only", file, format.Kind(claimed))
	case imp == nil:
		return "", fmt.Errorf("%s: no document format imports it", file)
	}
	into := p.Formats.For(imp.ImportsInto())
	// Everything is checked before the lock is taken: in a folder that is
	// no project yet, taking it creates .quipu/, and a failed import
	// leaves the folder as it was.
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
		out = path.Join(p.Config.Content, strings.TrimSuffix(base, filepath.Ext(base))+imp.ImportsInto())
	}
	out = filepath.ToSlash(filepath.Clean(out))
	if filepath.IsAbs(out) || out == ".." || strings.HasPrefix(out, "../") {
		return "", fmt.Errorf("%s: the document must go inside the project", out)
	}
	if into == nil || !slices.Contains(into.Extensions(), strings.ToLower(path.Ext(out))) {
		return "", fmt.Errorf("%s: the document must be %s file (%s)", out, kindOf(into), imp.ImportsInto())
	}
	name, err := p.Path(out)
	if err != nil {
		return "", err
	}
	md, err := imp.Import(file, src)
	if err != nil {
		return "", err
	}
	check := func() ([][2]string, error) {
		if _, err := os.Stat(name); err == nil && !opt.Force {
			return nil, fmt.Errorf("%s already exists (use --force to replace it)", out)
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return importMoves(p, file, out)
	}
	if _, err := check(); err != nil {
		return "", err
	}
	// A sync or build running meanwhile would miss the document, or read
	// it in the middle of their run.
	_, statErr := os.Stat(p.Abs(config.CacheDir))
	l, err := p.LockNew()
	if err != nil {
		return "", err
	}
	defer l.Release()
	// Checked again under the lock: another run may have written since.
	moves, err := check()
	if err != nil {
		if errors.Is(statErr, fs.ErrNotExist) {
			l.Release()
			os.Remove(p.Abs(tree.LockFile))
			os.Remove(p.Abs(config.CacheDir))
		}
		return "", err
	}
	if err := fsutil.WriteDurable(name, md); err != nil {
		return "", fmt.Errorf("write %s: %w", out, err)
	}
	for _, m := range moves {
		if err := os.MkdirAll(filepath.Dir(p.Abs(m[1])), 0o755); err != nil {
			return "", err
		}
		if err := os.Rename(p.Abs(m[0]), p.Abs(m[1])); err != nil {
			return "", fmt.Errorf("move %s to %s: %w", m[0], m[1], err)
		}
	}
	if moved := contentRel(p, file); moved != "" {
		if err := os.Remove(file); err != nil {
			return "", fmt.Errorf("%s was imported as %s but is still there (remove it): %w", path.Join(p.Config.Content, moved), out, err)
		}
	}
	return out, nil
}

// kindOf names the documents of a format in messages, f nil being none.
func kindOf(f format.Format) string {
	if f == nil {
		return "a known"
	}
	return format.Kind(f)
}

// contentRel is the path inside the content folder of file, a path the
// user gave, when it is a document there; else "".
func contentRel(p *tree.Tree, file string) string {
	absFile, err1 := filepath.Abs(file)
	absContent, err2 := filepath.Abs(p.Abs(p.Config.Content))
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(absContent, absFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || p.Formats.For(rel) == nil {
		return ""
	}
	return filepath.ToSlash(rel)
}

// importMoves checks, before anything is written, that the document out
// will share its message files with no other document, and lists the
// message files to rename (from, to) when the imported file is a document
// of the project whose name changes.
func importMoves(p *tree.Tree, file, out string) ([][2]string, error) {
	outRel, inContent := strings.CutPrefix(out, p.Config.Content+"/")
	if !inContent {
		return nil, nil
	}
	if _, err := os.Stat(p.Abs(p.Config.Content)); errors.Is(err, fs.ErrNotExist) {
		return nil, nil // the first document: no other to share with
	}
	moved := contentRel(p, file)
	sources, err := p.List()
	if err != nil {
		return nil, err
	}
	for _, s := range sources {
		if s.Rel != moved && s.Rel != outRel && strings.EqualFold(tree.Stem(s.Rel), tree.Stem(outRel)) {
			return nil, fmt.Errorf("%s: %s would share its message files; choose another name with --out", out, p.ContentPath(s))
		}
	}
	if moved == "" || tree.Stem(moved) == tree.Stem(outRel) {
		return nil, nil
	}
	var moves [][2]string
	from, to := tree.Source{Rel: moved}, tree.Source{Rel: outRel}
	for _, l := range append([]string{p.Config.SourceLocale}, p.Config.Locales...) {
		for _, pair := range [][2]string{{p.MessagePath(l, from), p.MessagePath(l, to)}, {p.ObsoletePath(l, from), p.ObsoletePath(l, to)}} {
			if _, err := os.Stat(p.Abs(pair[0])); err != nil {
				continue
			}
			if _, err := os.Stat(p.Abs(pair[1])); err == nil {
				return nil, fmt.Errorf("%s already exists: the translations of %s cannot follow it to %s", pair[1], path.Join(p.Config.Content, moved), out)
			}
			moves = append(moves, pair)
		}
	}
	return moves, nil
}
