// Command quipu localizes Markdown content from English into Spanish for
// Peru (and any other locale): it splits documents into segments, keeps
// go-i18n message files in step for translators, and builds localized
// Markdown and HTML.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/config"
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// exitError carries an exit code through urfave/cli without printing twice.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run is main without the process: tests call it directly.
func run(args []string, stdout, stderr io.Writer) int {
	var jsonErrors bool
	app := newApp(stdout, stderr, &jsonErrors)
	err := app.Run(flagsFirst(app, args))
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	code := 1
	var ue usageError
	var le *config.LocaleError
	if errors.As(err, &ue) || errors.Is(err, errUsage) || errors.As(err, &le) {
		code = 2
	}
	// A usage error can come before the command runs and knows of --json.
	if jsonErrors || code == 2 && slices.Contains(args, "--json") {
		printJSONError(stdout, err, code)
	}
	fmt.Fprintln(stderr, userMessage(err))
	return code
}

// newApp wires quipu's commands and flags.
func newApp(stdout, stderr io.Writer, jsonErrors *bool) *cli.App {
	app := &cli.App{
		Name:        "quipu",
		Usage:       "localize Markdown content into go-i18n message files and localized pages",
		Writer:      stdout,
		ErrWriter:   stderr,
		HideVersion: true, // -v is --verbose; --version is quipu's own flag
		Flags: append(globalFlags(),
			&cli.BoolFlag{Name: "version", Usage: "print quipu's version and the commit it was built from"},
			cli.HelpFlag), // urfave/cli adds it only with its own help command
		Action: func(c *cli.Context) error {
			if c.Bool("version") {
				fmt.Fprintln(c.App.Writer, pipeline.BuildVersion())
				return nil
			}
			return groupAction(c)
		},
		Commands:       []*cli.Command{initCommand(), syncCommand(), buildCommand(), statusCommand(), checkCommand(), tmCommand(), xliffCommand(), poCommand(), importCommand(), alignCommand(), mtCommand(), exportCommand(), verifyCommand(), versionCommand(), serveCommand()},
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError,
		Description: `quipu reads documents under content/, keeps one go-i18n message file per
document and locale under locales/, and builds output/<locale>/. Run from a
project's subfolder, it works on the project, as git does.

   quipu sync              # split content/ and update locales/
   quipu build             # write output/<locale>/*.md and *.html
   quipu build --strict    # fail if anything is untranslated`,
	}
	wire(app.Commands, jsonErrors)
	app.Commands = append(app.Commands, helpCommand())
	return app
}

var errUsage = errors.New("usage")

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print quipu's version and the commit it was built from",
		Action: func(c *cli.Context) error {
			fmt.Fprintln(c.App.Writer, pipeline.BuildVersion())
			return nil
		},
	}
}

// printJSONError writes an error as JSON on stdout, for scripts that read
// --json output: the same place as a success's report.
func printJSONError(w io.Writer, err error, code int) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(map[string]any{"error": userMessage(err), "exit": code, "errors": errorLines(err)})
}
