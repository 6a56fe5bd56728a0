package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "run QA checks on the translations",
		Description: `Checks every translation against its English: tags missing, extra or
unbalanced; numbers and URLs; glossary terms and do-not-translate terms;
unpaired ¿? and ¡!; whitespace and final punctuation; identical text; doubled
spaces and words; length far from the usual; and anything that would change
the document's Markdown structure (a leading #, - or 1., a blank line, a | in
a table cell, HTML). One finding a line:

   file:line:col: severity: code: message

Exit status 1 when any finding is an error.

Example:
   quipu check
   quipu check --json | jq '.[] | select(.severity == "error")'`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "locale", Aliases: []string{"l"}, Usage: "check only this locale (repeatable)"},
			jsonFlag("print findings as a JSON array"),
		},
		Action: func(c *cli.Context) error {
			p, err := openProject(c)
			if err != nil {
				return err
			}
			findings, err := p.Check(c.StringSlice("locale"))
			if err != nil {
				return err
			}
			errors := 0
			for _, f := range findings {
				if f.Severity == pipeline.SeverityError {
					errors++
				}
			}
			if c.Bool("json") {
				if findings == nil {
					findings = []project.Finding{}
				}
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				if err := enc.Encode(findings); err != nil {
					return err
				}
			} else {
				for _, f := range findings {
					fmt.Fprintf(c.App.Writer, "%s:%d:%d: %s: %s: %s\n", f.File, f.Line, f.Col, f.Severity, f.Code, f.Message)
				}
				fmt.Fprintf(c.App.ErrWriter, "%s, %s\n", say.Count("Finding", len(findings)), say.Count("Error", errors))
			}
			if errors > 0 {
				return exitError{1}
			}
			return nil
		},
	}
}
