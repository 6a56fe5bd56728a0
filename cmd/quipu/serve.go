package main

import (
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/quipu-l10n/quipu/pipeline/serve"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the site live and the translator's workbench",
		Description: `Serves the project on a local address until interrupted: each page as
quipu build would write it from the files as they are now (reloading itself
when one is saved), the workbench at /edit/LOCALE/DOC, and its JSON API under
/api/. The first line printed is the address.

Example:
   quipu serve
   quipu serve --addr 127.0.0.1:0
   quipu serve --poll 50ms`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "address to listen on (port 0 picks a free one); keep it on loopback"},
			&cli.DurationFlag{Name: "poll", Usage: "watch files by polling at this interval instead of file system notifications"},
		},
		Action: func(c *cli.Context) error {
			root, err := projectRoot(c)
			if err != nil {
				return err
			}
			s, err := serve.New(root, serve.Options{Poll: c.Duration("poll"), Log: c.App.ErrWriter})
			if err != nil {
				return err
			}
			l, err := net.Listen("tcp", c.String("addr"))
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "serving %s\n", serve.URL(c.String("addr"), l))
			if f, ok := c.App.Writer.(*os.File); ok {
				f.Sync()
			}
			ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
			defer stop()
			return s.Serve(ctx, l)
		},
	}
}
