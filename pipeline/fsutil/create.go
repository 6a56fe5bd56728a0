package fsutil

import (
	"io/fs"
	"os"
)

// openOver opens name for writing from scratch, never through a link: a
// staging or journal name is fixed and known, so a link planted there
// (one leading out of the project, say) must not make quipu write where
// it leads. A link found there is removed and the file made anew; a
// regular file costs no more system calls than a plain open.
func openOver(name string, flag int) (*os.File, error) {
	flag |= os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if noFollow == 0 && isLink(name) {
		os.Remove(name) // no O_NOFOLLOW here: look first
	}
	f, err := os.OpenFile(name, flag|noFollow, 0o644)
	if err == nil || !isLink(name) {
		return f, err
	}
	if err := os.Remove(name); err != nil {
		return nil, err
	}
	return os.OpenFile(name, flag|os.O_EXCL, 0o644)
}

func isLink(name string) bool {
	fi, err := os.Lstat(name)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}
