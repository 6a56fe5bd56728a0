package serve_test

import (
	"bytes"
	"net/http"
	"testing"
)

// TestPagesShareOneEventStream: served pages listen through the shared
// worker at /events.js, which holds the one stream of every tab (a browser
// opens six connections to one server; a stream per tab left the seventh
// tab loading forever), and the worker is served as script.
func TestPagesShareOneEventStream(t *testing.T) {
	_, c := start(t, seedProject(t))
	code, page := c.get("/es-PE/" + seedDoc + ".html")
	if code != 200 || !bytes.Contains(page, []byte(`new SharedWorker("/events.js")`)) {
		t.Fatalf("the served page does not listen through the shared worker: %d", code)
	}
	resp, err := http.Get(c.url + "/events.js")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Fatalf("GET /events.js: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !bytes.Contains(b.Bytes(), []byte(`new EventSource('/events')`)) || !bytes.Contains(b.Bytes(), []byte("onconnect")) {
		t.Fatalf("/events.js is not the worker holding the stream:\n%s", b.Bytes())
	}
}
