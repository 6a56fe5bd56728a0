package fsutil

import (
	"os"
)

// openOver opens name for writing from scratch, never through a link nor
// into anything but a regular file: a staging or journal name is fixed
// and known, so a link planted there (one leading out of the project,
// say) must not make quipu write where it leads, nor a named pipe make it
// wait for a reader forever, holding the project's lock. What is found
// there is removed and the file made anew; a regular file costs no more
// system calls than a plain open.
func openOver(name string, flag int) (*os.File, error) {
	flag |= os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if noFollow == 0 && notRegular(name) {
		os.Remove(name) // no O_NOFOLLOW here: look first
	}
	f, err := os.OpenFile(name, flag|noFollow|nonBlock, 0o644)
	if err == nil {
		fi, serr := f.Stat()
		if serr == nil && fi.Mode().IsRegular() {
			return f, nil
		}
		f.Close()
	} else if !notRegular(name) {
		return nil, err
	}
	if err := os.Remove(name); err != nil {
		return nil, err
	}
	return os.OpenFile(name, flag|os.O_EXCL, 0o644)
}

// notRegular reports whether something other than a regular file is at
// name: a link, a named pipe, a folder.
func notRegular(name string) bool {
	fi, err := os.Lstat(name)
	return err == nil && !fi.Mode().IsRegular()
}
