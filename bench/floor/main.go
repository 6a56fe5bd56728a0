// Command floor is the lower bound quipu's round trip is compared with: it
// parses every Markdown page under a folder with goldmark (the parser
// quipu uses, with the same extensions), renders it to HTML, and writes as
// many files per page as quipu does, and does nothing else.
//
//	floor -in content -out out -files 6 [-j 2] [page.md ...]
//
// With page arguments (relative to -in) it handles only those pages, the
// least any tool must do after a one-page edit. -j spreads the pages over
// that many goroutines (default 1, one process's plain loop).
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
	jobs := flag.Int("j", 1, "pages handled at once")
	flag.Parse()
	if err := run(*in, *out, *files, *jobs, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(in, out string, files, jobs int, only []string) error {
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
	// Folders first, so the page loop does nothing but what a tool must.
	for _, rel := range pages {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(out, rel)), 0o755); err != nil {
			return err
		}
	}
	errs := make(chan error, jobs)
	next := make(chan string)
	for range jobs {
		go func() {
			var buf bytes.Buffer
			var first error
			for rel := range next {
				if first == nil {
					first = page(md, in, out, rel, files, &buf)
				}
			}
			errs <- first
		}()
	}
	for _, rel := range pages {
		next <- rel
	}
	close(next)
	for range jobs {
		if err := <-errs; err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "floor: %d pages, %d files\n", len(pages), len(pages)*files)
	return nil
}

// page parses and renders one page and writes it files times.
func page(md goldmark.Markdown, in, out, rel string, files int, buf *bytes.Buffer) error {
	src, err := os.ReadFile(filepath.Join(in, rel))
	if err != nil {
		return err
	}
	buf.Reset()
	if err := md.Convert(src, buf); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	dst := filepath.Join(out, rel)
	for i := range files {
		if err := os.WriteFile(fmt.Sprintf("%s.%d.html", dst, i), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
