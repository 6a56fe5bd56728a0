package textdoc_test

import (
	"fmt"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

func ExampleToMarkdown() {
	src := []byte("Lima Needs More Parks\nWhy Parks Matter\nLima has *less* green space than experts recommend.\n")
	doc, _ := textdoc.Extract("parks.txt", src)
	md, _ := textdoc.ToMarkdown(doc, func(s *pipeline.Segment) (string, bool) {
		if s.Text == "Why Parks Matter" {
			return "¿Por qué importan los parques?", true
		}
		return "", false
	})
	fmt.Print(string(md))
	// Output:
	// # Lima Needs More Parks
	//
	// ## ¿Por qué importan los parques?
	//
	// Lima has \*less\* green space than experts recommend.
}
