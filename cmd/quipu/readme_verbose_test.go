package main

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestReadmeVerboseCommandsTakeV: every command README says lists the
// first lines of each kind and the rest with -v takes -v.
func TestReadmeVerboseCommandsTakeV(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)The same goes for (.*?) \(`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md no longer lists the commands -v applies to")
	}
	app := newApp(io.Discard, io.Discard, new(bool))
	names := regexp.MustCompile("`([a-z ]+)`").FindAllSubmatch(m[1], -1)
	if len(names) < 3 {
		t.Fatalf("found %d commands in %q", len(names), m[1])
	}
	for _, n := range names {
		cmd := find(app.Commands, strings.Fields(string(n[1])))
		if cmd == nil {
			t.Errorf("README names %q: no such command", n[1])
			continue
		}
		has := false
		for _, f := range cmd.Flags {
			if f.Names()[0] == "verbose" {
				has = true
			}
		}
		if !has {
			t.Errorf("README says -v works for %q, which has no --verbose", n[1])
		}
	}
}

func find(cmds []*cli.Command, path []string) *cli.Command {
	for _, c := range cmds {
		if c.Name == path[0] {
			if len(path) == 1 {
				return c
			}
			return find(c.Subcommands, path[1:])
		}
	}
	return nil
}
