package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "turn a plain-text article into a Markdown document in content/",
		ArgsUsage: "FILE.txt",
		Description: `Reads a plain-text article (first line: the title; short lines that do not
end with a period: headings; other lines: paragraphs) and writes it as a
Markdown document, content/<name>.md by default. Text that looks like Markdown
is escaped, so the document says exactly what the file said. An existing
document is never replaced unless --force is given. A Markdown or HTML file
is refused: it is a document already, and its markup would be escaped.

Text files under content/ are also read as they are by sync and build; import
is for moving an article to Markdown for good, to edit it there.

Example:
   quipu import drafts/lima-metro.txt
   quipu import drafts/lima-metro.txt --out content/news/lima-metro.md`,
		Flags: []cli.Flag{
			outFlag("project-relative path of the Markdown document to write"),
			forceFlag("replace the document if it exists"),
			quietFlag(), jsonFlag("print what was written as JSON on stdout"),
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) != 1 {
				return fmt.Errorf("%w: quipu import FILE.txt [--out content/NAME.md] [--force]", errUsage)
			}
			p, err := openProject(c)
			if err != nil {
				return err
			}
			out, err := p.Import(args[0], project.TextImportOptions{Out: c.String("out"), Force: c.Bool("force")})
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(map[string]any{"wrote": out})
			}
			if !c.Bool("quiet") {
				fmt.Fprintf(c.App.ErrWriter, "wrote %s\n", out)
			}
			return nil
		},
	}
}
