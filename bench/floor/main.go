// Command floor is the lower bound quipu's round trip is compared with: it
// parses every Markdown page under a folder with goldmark (the parser
// quipu uses, with the same extensions), renders it to HTML, and writes as
// many files per page as quipu does, and does nothing else.
//
//	floor -in content -out out -files 6 [page.md ...]
//
// With page arguments (relative to -in) it handles only those pages, the
// least any tool must do after a one-page edit.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
)

func main() {
	in := flag.String("in", "content", "folder of Markdown pages")
	out := flag.String("out", "out", "folder to write to")
	files := flag.Int("files", 6, "files to write per page")
	flag.Parse()
	if err := run(*in, *out, *files, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(in, out string, files int, only []string) error {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	pages := only
	if len(pages) == 0 {
		err := filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				rel, _ := filepath.Rel(in, p)
				pages = append(pages, rel)
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	made := map[string]bool{}
	var buf bytes.Buffer
	for _, rel := range pages {
		src, err := os.ReadFile(filepath.Join(in, rel))
		if err != nil {
			return err
		}
		buf.Reset()
		if err := md.Convert(src, &buf); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		dst := filepath.Join(out, rel)
		if dir := filepath.Dir(dst); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		for i := range files {
			if err := os.WriteFile(fmt.Sprintf("%s.%d.html", dst, i), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(os.Stderr, "floor: %d pages, %d files\n", len(pages), len(pages)*files)
	return nil
}
