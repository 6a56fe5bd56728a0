package serve

import (
	"fmt"
	"testing"
)

// TestPageCacheIsBounded: a crawl of every page of a large site keeps at
// most maxHeld bytes of pages, and the page just built stays.
func TestPageCacheIsBounded(t *testing.T) {
	s := &Server{pages: map[pageKey]map[string][]byte{}}
	page := make([]byte, 1<<20)
	var last pageKey
	for i := range 100 {
		last = pageKey{"es-PE", fmt.Sprint(i)}
		s.keepPage(last, map[string][]byte{".html": page, ".md": page[:1000]})
		if s.held > maxHeld {
			t.Fatalf("after %d pages the cache holds %d bytes", i+1, s.held)
		}
	}
	if s.pages[last] == nil {
		t.Error("the last page was dropped")
	}
	held := 0
	for _, p := range s.pages {
		for _, b := range p {
			held += len(b)
		}
	}
	if held != s.held {
		t.Errorf("held %d, counted %d", s.held, held)
	}
	s.dropDoc(last.doc)
	s.keepPage(last, map[string][]byte{".html": page})
	s.keepPage(last, map[string][]byte{".html": page}) // again: counted once
	if s.pages[last] == nil || s.held > maxHeld {
		t.Errorf("held %d", s.held)
	}
}
