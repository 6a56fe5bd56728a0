package main

import (
	"github.com/urfave/cli/v2"
)

// The flags several commands share are made here, so that a short flag
// means one thing in every command: -f is --force, -l --locale, -o --out,
// -n --dry-run, -q --quiet, -v --verbose, -C --root.

func quietFlag() cli.Flag {
	return &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress, no list of files or warnings: the summary alone"}
}

func verboseFlag() cli.Flag {
	return &cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list every file and warning, not the first few of each kind"}
}

func jsonFlag(usage string) cli.Flag {
	return &cli.BoolFlag{Name: "json", Usage: usage}
}

// jsonSummaryFlag is --json for the commands that end with a summary.
func jsonSummaryFlag() cli.Flag {
	return jsonFlag("print the closing summary (or the error) as JSON on stdout")
}

func forceFlag(usage string) cli.Flag {
	return &cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: usage}
}

func dryRunFlag(usage string) cli.Flag {
	return &cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: usage}
}

func outFlag(usage string) cli.Flag {
	return &cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: usage}
}
