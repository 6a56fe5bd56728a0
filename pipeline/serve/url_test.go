package serve

import (
	"net"
	"strings"
	"testing"
)

// The printed address names the host the user asked for with the real
// port: "0.0.0.0:0" prints as 0.0.0.0, not as Go's "[::]".
func TestURLKeepsTheHostGiven(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "0.0.0.0:0", ":0"} {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		_, port, _ := net.SplitHostPort(l.Addr().String())
		got := URL(addr, l)
		l.Close()
		host, _, _ := net.SplitHostPort(addr)
		if host != "" && got != "http://"+net.JoinHostPort(host, port)+"/" {
			t.Errorf("URL(%q) = %q", addr, got)
		}
		if strings.Contains(got, ":0/") || !strings.HasSuffix(got, ":"+port+"/") {
			t.Errorf("URL(%q) = %q, want the port %s", addr, got, port)
		}
	}
}
