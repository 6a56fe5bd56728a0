package bundle_test

import (
	"bytes"
	"fmt"

	"github.com/quipu-l10n/quipu/pipeline/bundle"
)

func ExampleNew() {
	meta := bundle.Meta{Version: "0.1.0", Epoch: 1700000000, BaseURL: "https://example.org/", SourceLocale: "en"}
	stats := []bundle.Stats{
		{Locale: "en", Documents: 1, Segments: 4, Translated: 4},
		{Locale: "es-PE", Documents: 1, Segments: 4, Translated: 3, Stale: 1},
	}
	b, err := bundle.New(meta, stats, []bundle.File{
		{Path: "en/intro.html", Locale: "en", Kind: bundle.KindPage, Data: []byte("<p>Hello</p>")},
		{Path: "es-PE/intro.html", Locale: "es-PE", Kind: bundle.KindPage, Data: []byte("<p>Hola</p>")},
	})
	if err != nil {
		panic(err)
	}
	var archive bytes.Buffer
	if err := bundle.Write(&archive, bundle.TarGz, b.Entries(), meta.Epoch); err != nil {
		panic(err)
	}
	files, _, _ := bundle.Read(archive.Bytes())
	_, problems := bundle.Verify(files)
	for _, e := range b.Manifest.Files {
		fmt.Println(e.Path, e.Bytes)
	}
	fmt.Println("es-PE coverage:", b.Manifest.Locales[1].Coverage)
	fmt.Println("problems:", len(problems))
	// Output:
	// en/intro.html 12
	// es-PE/intro.html 11
	// sitemap.xml 848
	// es-PE coverage: 75
	// problems: 0
}
