package main

import (
	"errors"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/urfave/cli/v2"
)

// cpuProfile is the open CPU profile, if --cpuprofile asked for one.
var cpuProfile *os.File

// startProfiles starts the CPU profile: quipu's speed claims are checked
// with pprof on real trees, not guessed.
func startProfiles(c *cli.Context) error {
	name := global(c, "cpuprofile")
	if name == "" {
		return nil
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return err
	}
	cpuProfile = f
	return nil
}

// withProfiles runs action between startProfiles and stopProfiles.
func withProfiles(c *cli.Context, action cli.ActionFunc) error {
	if err := startProfiles(c); err != nil {
		return err
	}
	err := action(c)
	return errors.Join(err, stopProfiles(c))
}

// stopProfiles ends the CPU profile and writes the heap profile.
func stopProfiles(c *cli.Context) error {
	var errs []error
	if cpuProfile != nil {
		pprof.StopCPUProfile()
		errs = append(errs, cpuProfile.Close())
		cpuProfile = nil
	}
	if name := global(c, "memprofile"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			return err
		}
		runtime.GC()
		errs = append(errs, pprof.WriteHeapProfile(f), f.Close())
	}
	return errors.Join(errs...)
}
