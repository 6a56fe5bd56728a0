package main

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/project"
	"github.com/quipu-l10n/quipu/pipeline/rootdir"
	"github.com/quipu-l10n/quipu/pipeline/suggest"
)

// globalFlags are accepted before the command and after it alike
// (quipu -C proj status, quipu status -C proj): each command gets its own
// copy, and global reads whichever was given, the nearest to the command
// winning.
func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "root", Aliases: []string{"C"}, Usage: "project `folder` (default: the nearest folder upward with quipu.toml, or content/ and locales/)"},
		&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the command to `FILE` (read it with go tool pprof)"},
		&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile at the end of the command to `FILE`"},
	}
}

// global returns a global flag's value as set nearest to the command.
func global(c *cli.Context, name string) string {
	names := []string{name}
	if name == "root" {
		names = append(names, "C")
	}
	for _, x := range c.Lineage() {
		if x.Command == nil && x.App == nil {
			continue
		}
		for _, n := range x.LocalFlagNames() {
			if slices.Contains(names, n) {
				return x.String(name)
			}
		}
	}
	return ""
}

// projectRoot is the project folder: from -C, or the current folder,
// upward to the nearest project.
func projectRoot(c *cli.Context) (string, error) {
	start := global(c, "root")
	if start == "" {
		start = "."
	}
	return rootdir.Find(start)
}

// openProject opens the project the command runs on.
func openProject(c *cli.Context) (*project.Project, error) {
	root, err := projectRoot(c)
	if err != nil {
		return nil, err
	}
	return project.Open(root)
}

// wire gives every command the global flags, short usage errors, and
// a suggestion for a mistyped subcommand; jsonErrors is set when the
// command runs with --json, so that its error is JSON too.
func wire(cmds []*cli.Command, jsonErrors *bool) {
	for _, cmd := range cmds {
		cmd.Flags = append(cmd.Flags, globalFlags()...)
		cmd.OnUsageError = onUsageError
		if len(cmd.Subcommands) > 0 {
			if cmd.Action == nil {
				cmd.Action = groupAction
			}
			wire(cmd.Subcommands, jsonErrors)
			cmd.Subcommands = append(cmd.Subcommands, helpCommand())
		}
		if action := cmd.Action; action != nil {
			takesNone := len(cmd.Subcommands) == 0 && strings.TrimSpace(cmd.ArgsUsage) == ""
			cmd.Action = func(c *cli.Context) error {
				// An argument to a command that takes none is a mistake
				// (quipu status content/a.md does not narrow the report):
				// ignored, it would run on the whole project.
				if takesNone && c.NArg() > 0 {
					return fmt.Errorf("%w: %s takes no arguments (got %q)", errUsage, c.Command.HelpName, c.Args().First())
				}
				*jsonErrors = hasFlag(c, "json") && c.Bool("json")
				return withProfiles(c, action)
			}
		}
	}
}

func hasFlag(c *cli.Context, name string) bool {
	return c.Command != nil && slices.ContainsFunc(c.Command.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) })
}

// usageError is a mistake in the command line: one short line on stderr,
// exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// groupAction runs for quipu itself and for commands made of subcommands
// (quipu tm, quipu xliff): help without arguments, else an unknown command.
func groupAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.ShowSubcommandHelp(c)
	}
	name := c.Args().First()
	var cmds []*cli.Command
	if c.Command != nil && len(c.Command.Subcommands) > 0 {
		cmds = c.Command.Subcommands
	} else {
		cmds = c.App.Commands
	}
	var names []string
	for _, cmd := range cmds {
		names = append(names, cmd.Names()...)
	}
	msg := fmt.Sprintf("unknown command %q", name)
	if strings.HasPrefix(name, "-") {
		msg = "unknown flag " + name
	}
	if near := suggest.Nearest(name, names); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	} else {
		msg += fmt.Sprintf(" (%s --help lists the commands)", c.Command.HelpName)
	}
	return usageError{msg}
}

// helpCommand is urfave/cli's help, but a topic that is no command is a
// usage error with the command meant (quipu help biuld), not a bare "No
// help topic" with exit status 3. It serves quipu and each command made
// of subcommands (quipu xliff help export).
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Aliases:   []string{"h"},
		Usage:     "show the commands, or one command's help",
		ArgsUsage: "[command]",
		Action: func(c *cli.Context) error {
			lineage := c.Lineage()
			parent, top := lineage[1], len(lineage) <= 2
			cmds := c.App.Commands
			if !top {
				cmds = parent.Command.Subcommands
			}
			if c.NArg() == 0 {
				if top {
					return cli.ShowAppHelp(parent)
				}
				return cli.ShowSubcommandHelp(parent)
			}
			name := c.Args().First()
			var names []string
			for _, cmd := range cmds {
				names = append(names, cmd.Names()...)
			}
			if !slices.Contains(names, name) {
				msg := fmt.Sprintf("no help for %q: it is not a command", name)
				if near := suggest.Nearest(name, names); near != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", near)
				} else {
					msg += fmt.Sprintf(" (%s --help lists the commands)", parent.Command.HelpName)
				}
				return usageError{msg}
			}
			return cli.ShowCommandHelp(parent, name)
		},
	}
}

var undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
var missingValue = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
var invalidValue = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]+): (.*)$`)

// onUsageError turns the flag package's messages into one short line with
// a suggestion, instead of the whole help.
func onUsageError(c *cli.Context, err error, _ bool) error {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		var names []string
		if c.Command != nil {
			for _, f := range c.Command.Flags {
				names = append(names, f.Names()...)
			}
		}
		if c.Command == nil || c.Command.Name == "" {
			for _, f := range c.App.Flags {
				names = append(names, f.Names()...)
			}
		}
		msg = "unknown flag " + dashes(m[1])
		if near := suggest.Nearest(m[1], names); near != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", dashes(near))
		}
	} else if m := missingValue.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("flag %s needs a value", dashes(m[1]))
	} else if m := invalidValue.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("flag %s: %q is not a valid value", dashes(m[2]), m[1])
		if strings.Contains(m[3], "parse error") {
			msg = fmt.Sprintf("flag %s: %q is not a number", dashes(m[2]), m[1])
		}
	}
	return usageError{msg}
}

func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// userMessage is the text of an error as the user sees it.
func userMessage(err error) string {
	return err.Error()
}

var positioned = regexp.MustCompile(`^(.+?):(\d+):(\d+): (.*)$`)

// errorLines splits an error into its lines, with the position of those
// that have one, for --json.
func errorLines(err error) []map[string]any {
	var out []map[string]any
	for _, line := range strings.Split(userMessage(err), "\n") {
		if m := positioned.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			out = append(out, map[string]any{"file": m[1], "line": l, "col": col, "message": m[4]})
			continue
		}
		out = append(out, map[string]any{"message": line})
	}
	return out
}

// flagsFirst moves the flags written after a command's arguments before
// them (quipu verify site --json, quipu import a.txt --out b.md), as
// the tools people know accept them: urfave/cli stops reading flags at the
// first argument. Everything after "--" stays an argument.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]
	// The flags before the command, and the command path.
	cmds, flags := app.Commands, app.Flags
	var leaf *cli.Command
	for len(rest) > 0 {
		a := rest[0]
		if a == "--" {
			return append(out, rest...)
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			n := 1
			if takesValue(flags, a) && !strings.Contains(a, "=") && len(rest) > 1 {
				n = 2
			}
			out, rest = append(out, rest[:n]...), rest[n:]
			continue
		}
		var next *cli.Command
		for _, c := range cmds {
			if c.HasName(a) {
				next = c
			}
		}
		if next == nil {
			break
		}
		leaf, cmds, flags = next, next.Subcommands, next.Flags
		out, rest = append(out, a), rest[1:]
	}
	if leaf == nil || len(leaf.Subcommands) > 0 {
		return append(out, rest...)
	}
	var positional []string
	for len(rest) > 0 {
		a := rest[0]
		switch {
		case a == "--":
			positional = append(positional, rest...)
			rest = nil
		case strings.HasPrefix(a, "-") && len(a) > 1:
			n := 1
			if takesValue(flags, a) && !strings.Contains(a, "=") && len(rest) > 1 {
				n = 2
			}
			out, rest = append(out, rest[:n]...), rest[n:]
		default:
			positional, rest = append(positional, a), rest[1:]
		}
	}
	if len(positional) > 0 && positional[0] != "--" {
		out = append(out, "--")
	}
	return append(out, positional...)
}

// takesValue reports whether the flag arg names takes a value.
func takesValue(flags []cli.Flag, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			if v, ok := f.(cli.DocGenerationFlag); ok {
				return v.TakesValue()
			}
		}
	}
	return false
}
