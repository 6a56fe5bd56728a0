package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/quipu-l10n/quipu/pipeline/lock"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"quipu": func() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) },
		// fakemt plays a translation program of quipu mt's line protocol
		// (see fakeMT); "fakemt die" fails as a broken one does.
		"fakemt": fakeMT,
		// holdlock LOCK READY takes the project's lock as a run of quipu
		// does, creates the file READY, and holds the lock until killed.
		"holdlock": func() {
			if len(os.Args) != 3 {
				fmt.Fprintln(os.Stderr, "usage: holdlock LOCK READY")
				os.Exit(2)
			}
			if _, err := lock.Acquire(os.Args[1]); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			if err := os.WriteFile(os.Args[2], nil, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			for {
				time.Sleep(time.Hour)
			}
		},
	})
}

// TestScripts runs the CLI scenarios in testdata/script: each .txtar file
// holds its input files, the commands and the expected outputs.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// subst FILE REGEXP REPLACEMENT edits a file as a translator
			// would, replacing the first match.
			"subst": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: subst FILE REGEXP REPLACEMENT")
				}
				file := ts.MkAbs(args[0])
				data, err := os.ReadFile(file)
				ts.Check(err)
				re := regexp.MustCompile(args[1])
				loc := re.FindSubmatchIndex(data)
				if loc == nil {
					ts.Fatalf("subst: %q not found in %s", args[1], args[0])
				}
				var out []byte
				out = append(out, data[:loc[0]]...)
				out = re.Expand(out, []byte(args[2]), data, loc)
				out = append(out, data[loc[1]:]...)
				ts.Check(os.WriteFile(file, out, 0o644))
			},
			// unescape FILE turns each \xHH in FILE into that byte, for
			// inputs a txtar file cannot hold: invalid UTF-8, NUL, CR, BOM.
			"unescape": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: unescape FILE")
				}
				file := ts.MkAbs(args[0])
				data, err := os.ReadFile(file)
				ts.Check(err)
				out := regexp.MustCompile(`\\x[0-9a-fA-F]{2}`).ReplaceAllFunc(data, func(m []byte) []byte {
					b, _ := strconv.ParseUint(string(m[2:]), 16, 8)
					return []byte{byte(b)}
				})
				ts.Check(os.WriteFile(file, out, 0o644))
			},
			// exits N PROG ARGS... runs PROG like exec and asserts its exit
			// status: 2 for a usage error, 1 for any other.
			"exits": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: exits N PROG ARGS...")
				}
				err := ts.Exec(args[1], args[2:]...)
				code := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					code = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("%v", err)
				}
				if fmt.Sprint(code) != args[0] {
					ts.Fatalf("%s exited with %d, want %s", args[1], code, args[0])
				}
			},
			// waitfile FILE waits for a background command to create FILE.
			"waitfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: waitfile FILE")
				}
				for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
					if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
						return
					}
					if time.Since(start) > time.Minute {
						ts.Fatalf("%s did not appear in a minute", args[0])
					}
				}
			},
			// count N REGEXP FILE asserts how many times REGEXP matches.
			"count": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: count N REGEXP FILE")
				}
				data, err := os.ReadFile(ts.MkAbs(args[2]))
				ts.Check(err)
				n := len(regexp.MustCompile(args[1]).FindAll(data, -1))
				if fmt.Sprint(n) != args[0] {
					ts.Fatalf("%s matches %d times in %s, want %s", args[1], n, args[2], args[0])
				}
			},
		},
	})
}
