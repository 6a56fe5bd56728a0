// Command quipu localizes Markdown content from English into Spanish for
// Peru (and any other locale): it splits documents into segments, keeps
// go-i18n message files in step for translators, and builds localized
// Markdown and HTML.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// exitError carries an exit code through urfave/cli without printing twice.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run is main without the process: tests call it directly.
func run(args []string, stdout, stderr io.Writer) int {
	app := &cli.App{
		Name:      "quipu",
		Usage:     "localize Markdown content into go-i18n message files and localized pages",
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "root", Aliases: []string{"C"}, Value: ".", Usage: "project folder (holds quipu.toml, content/, locales/)"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the command to `FILE` (read it with go tool pprof)"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile at the end of the command to `FILE`"},
		},
		Before:         startProfiles,
		After:          stopProfiles,
		Commands:       []*cli.Command{syncCommand(), buildCommand(), statusCommand(), checkCommand(), tmCommand(), xliffCommand(), poCommand(), importCommand(), exportCommand(), verifyCommand()},
		ExitErrHandler: func(*cli.Context, error) {},
		Description: `quipu reads documents under content/, keeps one go-i18n message file per
document and locale under locales/, and builds output/<locale>/.

   quipu sync              # split content/ and update locales/
   quipu build             # write output/<locale>/*.md and *.html
   quipu build --strict    # fail if anything is untranslated`,
	}
	err := app.Run(args)
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintln(stderr, err)
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

var errUsage = errors.New("usage")
