package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
)

// broker fans change events out to the pages listening on /events.
type broker struct {
	mu     sync.Mutex
	subs   map[chan []byte]bool
	closed bool
	done   chan struct{}
}

func newBroker() *broker { return &broker{subs: map[chan []byte]bool{}, done: make(chan struct{})} }

// send tells every listener which files changed. A listener too slow to
// take an event misses it: the next one reloads the page all the same.
func (b *broker) send(files []string) {
	data, _ := json.Marshal(struct {
		Files []string `json:"files"`
	}{files})
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.subs {
		select {
		case c <- data:
		default:
		}
	}
}

func (b *broker) subscribe() (chan []byte, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, false
	}
	c := make(chan []byte, 16)
	b.subs[c] = true
	return c, true
}

func (b *broker) unsubscribe(c chan []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, c)
}

// close ends every stream, so a shutdown does not wait for the browsers.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, ok := s.events.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.events.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": quipu\n\n")
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		case data := <-c:
			fmt.Fprintf(w, "event: change\ndata: %s\n\n", data)
			fl.Flush()
		}
	}
}
