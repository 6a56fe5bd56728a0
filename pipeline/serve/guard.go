package serve

import (
	"crypto/subtle"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// guard refuses requests another site's page could make: a Host that is
// not the served address (a name rebound to 127.0.0.1), and, on writes,
// a missing or wrong token. Every answer forbids framing and sniffing.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Referrer-Policy", "no-referrer")
		if !s.hostAllowed(r.Host) {
			http.Error(w, "this server answers only to "+s.addr, http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.tokenOK(r) {
			writeJSON(w, http.StatusForbidden, errorBody{Error: "missing or wrong X-Quipu-Token"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostAllowed accepts the served address as the Host, and the same port
// under localhost when serving on loopback. Served on every interface
// (0.0.0.0, ::), it accepts any address written as an IP with that port:
// a rebound name is never an IP.
func (s *Server) hostAllowed(host string) bool {
	if host == s.addr {
		return true
	}
	h, port, err := net.SplitHostPort(host)
	sh, sport, err2 := net.SplitHostPort(s.addr)
	if err != nil || err2 != nil || port != sport {
		return false
	}
	ip := net.ParseIP(sh)
	switch {
	case ip == nil:
		return false
	case ip.IsUnspecified():
		return h == "localhost" || net.ParseIP(h) != nil
	}
	return h == "localhost" && ip.IsLoopback()
}

func (s *Server) tokenOK(r *http.Request) bool {
	got := r.Header.Get("X-Quipu-Token")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) == 1
}

// cleanDoc refuses a document path that is not a plain relative path: the
// documents are looked up by name among those listed, so nothing else is
// ever read, but "..", "." and empty parts never name one.
func cleanDoc(doc string) bool {
	if doc == "" || strings.HasPrefix(doc, "/") || strings.Contains(doc, "\\") {
		return false
	}
	for _, part := range strings.Split(doc, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

func exists(root, rel string) bool {
	_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
	return err == nil
}
