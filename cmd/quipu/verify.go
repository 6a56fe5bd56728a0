package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/bundlefile"
	"github.com/quipu-l10n/quipu/pipeline/say"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "check a bundle against its manifest",
		ArgsUsage: "BUNDLE",
		Description: `Checks a bundle written by quipu export (a .tar.gz, a .zip or a folder):
every file the manifest lists is there with its size and SHA-256, and nothing
else is. Entries that could write outside a folder they are unpacked into
(".." or absolute paths, links) are reported too. Nothing is unpacked or
written. Each file is hashed as it is read, so memory stays small whatever
the bundle holds; a manifest.json over 32 MiB is refused. Exit status 1
lists the problems (the first 100, and how many more).

Example:
   quipu verify quipu-bundle.tar.gz`,
		Flags: []cli.Flag{jsonFlag("print the result as JSON on stdout: bundle, files, version, commit, or the problems")},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("%w: quipu verify BUNDLE", errUsage)
			}
			src := c.Args().First()
			m, problems, err := bundlefile.Verify(src)
			if err != nil {
				return err
			}
			if len(problems) > 0 {
				return fmt.Errorf("%s: %s", src, strings.Join(problems, "\n"+src+": "))
			}
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(map[string]any{"bundle": src, "files": len(m.Files), "version": m.Version, "commit": m.Commit})
			}
			fmt.Fprintf(c.App.Writer, "%s: %s match the manifest (quipu %s", src, say.Count("File", len(m.Files)), m.Version)
			if m.Commit != "" {
				fmt.Fprintf(c.App.Writer, ", commit %s", m.Commit)
			}
			fmt.Fprintln(c.App.Writer, ")")
			return nil
		},
	}
}
