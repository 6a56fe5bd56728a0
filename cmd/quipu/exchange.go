package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/say"
)

// exchangeFormat is what the xliff and po commands differ in.
type exchangeFormat struct {
	name, title, ext string
	export           func(*project.Project, project.ExchangeOptions) ([]string, error)
	imp              func(*project.Project, []string, project.ImportOptions) (*project.ImportResult, error)
}

func exchangeExport(f exchangeFormat) *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write one " + f.title + " file per document for a translation tool",
		ArgsUsage: " ",
		Description: fmt.Sprintf(`Writes %[1]s/<locale>/<doc>%[2]s for every document (or under --out), from the
message files, which must be in step with the documents (run quipu sync first).
Each unit records a fingerprint of its translation, so that an import can tell
work done in the message files since the export.

Example:
   quipu %[1]s export
   quipu %[1]s export --locale es-PE --out handoff/`, f.name, f.ext),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "locale", Aliases: []string{"l"}, Usage: "target locale (default: the first in quipu.toml)"},
			outFlag("folder for the files (default: " + f.name + "/<locale> in the project)"),
			quietFlag(), verboseFlag(), jsonSummaryFlag(),
		},
		Action: func(c *cli.Context) error {
			root, err := projectRoot(c)
			if err != nil {
				return err
			}
			p, err := project.Open(root)
			if err != nil {
				return err
			}
			out, err := outDir(root, c.String("out"))
			if err != nil {
				return err
			}
			log := newLog(c)
			files, err := f.export(p, project.ExchangeOptions{Locale: c.String("locale"), Dir: out, Log: log})
			if ferr := log.Flush(c.App.ErrWriter); err == nil {
				err = ferr
			}
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(map[string]any{"format": f.name, "files": files})
			}
			fmt.Fprintf(c.App.ErrWriter, "exported %s as %s\n", say.Count("Document", len(files)), f.title)
			return nil
		},
	}
}

func exchangeImport(f exchangeFormat) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "merge translated " + f.title + " files into the message files",
		ArgsUsage: "FILE...",
		Description: fmt.Sprintf(`Reads %[1]s files a translation tool returned and updates the message files
under locales/. Every unit of every file is checked first (unknown units, tags
that are not in the source, unbalanced tags, malformed files) and every problem
is reported as file:line:col; if there is any, nothing is written.

A translation changed in the message file since the export is never
overwritten: the import lists such conflicts and fails, unless --force. An
empty target leaves the message as it is.

Example:
   quipu %[1]s import %[1]s/es-PE/*%[2]s
   quipu %[1]s import --dry-run returned%[2]s
   quipu %[1]s import --force returned%[2]s`, f.name, f.ext),
		Flags: []cli.Flag{
			forceFlag("overwrite translations changed in the message files since the export"),
			dryRunFlag("check and print what would change, write nothing"),
			quietFlag(), verboseFlag(), jsonSummaryFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fmt.Errorf("%w: quipu %s import needs at least one FILE", errUsage, f.name)
			}
			p, err := openProject(c)
			if err != nil {
				return err
			}
			log := newLog(c)
			res, err := f.imp(p, c.Args().Slice(), project.ImportOptions{Force: c.Bool("force"), DryRun: c.Bool("dry-run"), Log: log})
			if ferr := log.Flush(c.App.ErrWriter); err == nil {
				err = ferr
			}
			if err != nil {
				if res != nil && res.Conflicts > 0 && !c.Bool("force") {
					err = fmt.Errorf("%w\n%s: the message files changed since the export; nothing was written (--force overwrites them)", err, say.Count("Conflict", res.Conflicts))
				}
				return err
			}
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(map[string]any{"documents": res.Documents, "changed": res.Changed,
					"updated": res.Updated, "unchanged": res.Unchanged, "empty": res.Empty})
			}
			verb, changed := "imported", say.Count("FileChanged", len(res.Changed))
			if c.Bool("dry-run") {
				verb, changed = "dry run, nothing written: would import", say.Count("FileWouldChange", len(res.Changed))
			}
			fmt.Fprintf(c.App.ErrWriter, "%s %s: %s; messages: %s updated, %s unchanged, %s without translation\n",
				verb, say.Count("Document", res.Documents), changed, say.Number(res.Updated), say.Number(res.Unchanged), say.Number(res.Empty))
			return nil
		},
	}
}

// outDir turns --out, given relative to the working folder, into the
// project-relative folder Export expects, or an absolute one when it lies
// outside the project.
func outDir(root, out string) (string, error) {
	if out == "" || filepath.IsAbs(out) {
		return out, nil
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absRoot, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs, nil
	}
	return filepath.ToSlash(rel), nil
}
