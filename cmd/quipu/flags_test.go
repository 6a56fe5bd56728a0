package main

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// eachCommand calls fn for every command and subcommand, with its path.
func eachCommand(cmds []*cli.Command, path string, fn func(string, *cli.Command)) {
	for _, c := range cmds {
		p := strings.TrimSpace(path + " " + c.Name)
		fn(p, c)
		eachCommand(c.Subcommands, p, fn)
	}
}

// TestShortFlagsMeanOneThing protects against a short flag meaning one
// thing in a command and another elsewhere (-f was --force in import and
// --format in export).
func TestShortFlagsMeanOneThing(t *testing.T) {
	var jsonErrors bool
	app := newApp(io.Discard, io.Discard, &jsonErrors)
	meaning := map[string]string{} // short name -> long name
	where := map[string]string{}
	eachCommand(app.Commands, "", func(path string, c *cli.Command) {
		for _, f := range c.Flags {
			names := f.Names()
			for _, short := range names[1:] {
				if len(short) != 1 {
					continue
				}
				if long, ok := meaning[short]; ok && long != names[0] {
					t.Errorf("-%s is --%s in %s but --%s in %s", short, names[0], path, long, where[short])
				}
				meaning[short], where[short] = names[0], path
			}
		}
	})
}

// TestReportingCommandsTakeJSONAndQuiet protects scripts and logs: every
// command that reports takes --json, and every one that prints progress or
// a list of files takes --quiet.
func TestReportingCommandsTakeJSONAndQuiet(t *testing.T) {
	var jsonErrors bool
	app := newApp(io.Discard, io.Discard, &jsonErrors)
	json := []string{"sync", "build", "status", "check", "export", "verify", "import", "align", "tm export", "xliff export", "xliff import", "po export", "po import"}
	quiet := []string{"sync", "build", "export", "import", "align", "xliff export", "xliff import", "po export", "po import"}
	seen := 0
	eachCommand(app.Commands, "", func(path string, c *cli.Command) {
		has := func(name string) bool {
			return slices.ContainsFunc(c.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) })
		}
		if slices.Contains(json, path) {
			seen++
			if !has("json") {
				t.Errorf("quipu %s has no --json", path)
			}
		}
		if slices.Contains(quiet, path) && !has("quiet") {
			t.Errorf("quipu %s has no --quiet", path)
		}
	})
	if seen != len(json) {
		t.Errorf("found %d of the %d reporting commands", seen, len(json))
	}
}
