// Command servelat measures a running `quipu serve`'s edit-to-page
// latency: it writes a message file, then polls the page until it shows
// the edit, over many documents, and prints the median and 95th
// percentile.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

func main() {
	addr := flag.String("url", "", "the server's address, http://HOST:PORT/")
	root := flag.String("root", ".", "the project served")
	locale := flag.String("locale", "es-PE", "the locale edited")
	n := flag.Int("n", 100, "edits to time")
	crawl := flag.Int("crawl", 0, "pages to request first, in both the source and the edited locale (fills the page cache)")
	flag.Parse()
	files, err := filepath.Glob(filepath.Join(*root, "locales", *locale, "*", "*."+*locale+".toml"))
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "servelat: no message files under", *root)
		os.Exit(1)
	}
	slices.Sort(files)
	docOf := func(file string) string {
		rel, _ := filepath.Rel(filepath.Join(*root, "locales", *locale), file)
		doc := strings.TrimSuffix(filepath.ToSlash(rel), "."+*locale+".toml")
		parts := strings.Split(doc, "/")
		for i, p := range parts {
			parts[i] = url.PathEscape(p)
		}
		return strings.Join(parts, "/")
	}
	if *crawl > 0 {
		start := time.Now()
		for i := 0; i < *crawl && i < len(files); i++ {
			for _, l := range []string{"en", *locale} {
				get(strings.TrimSuffix(*addr, "/") + "/" + l + "/" + docOf(files[i]) + ".html")
			}
		}
		fmt.Printf("crawled %d pages in %v; ", 2*min(*crawl, len(files)), time.Since(start).Round(time.Millisecond))
	}
	var lat []time.Duration
	for i := 0; i < *n; i++ {
		file := files[(i*7919)%len(files)]
		doc := docOf(file)
		page := strings.TrimSuffix(*addr, "/") + "/" + *locale + "/" + doc + ".html"
		get(page) // the page is cached before the edit
		data, err := os.ReadFile(file)
		check(err)
		f, err := catalog.Parse(file, data)
		check(err)
		// A message without tags: a translation without them would be
		// rejected, and the page keep its English.
		var m *catalog.Message
		for _, x := range f.Messages {
			if x.Source != "" && !strings.Contains(x.Source, "<") {
				m = x
				break
			}
		}
		if m == nil {
			continue
		}
		marker := fmt.Sprintf("Edición número %d", i)
		edited, err := catalog.SetMessage(data, f.WrittenID(m), marker, catalog.Translated)
		check(err)
		start := time.Now()
		check(os.WriteFile(file, edited, 0o644))
		for !bytes.Contains(get(page), []byte(marker)) {
			if time.Since(start) > 10*time.Second {
				fmt.Fprintln(os.Stderr, "servelat: the page never showed the edit:", page)
				os.Exit(1)
			}
		}
		lat = append(lat, time.Since(start))
		check(os.WriteFile(file, data, 0o644))
		time.Sleep(20 * time.Millisecond)
	}
	slices.Sort(lat)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	fmt.Printf("edits %d  median %s  p90 %s  p95 %s  max %s\n", len(lat), ms(lat[len(lat)/2]), ms(lat[len(lat)*90/100]), ms(lat[len(lat)*95/100]), ms(lat[len(lat)-1]))
}

func get(url string) []byte {
	resp, err := http.Get(url)
	check(err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		fmt.Fprintf(os.Stderr, "servelat: %s: %d %s\n", url, resp.StatusCode, b)
		os.Exit(1)
	}
	return b
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "servelat:", err)
		os.Exit(1)
	}
}
