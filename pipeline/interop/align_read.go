package interop

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// MaxTranslated is the largest translated document align reads: more
// than any page, less than what would fill the memory.
const MaxTranslated = 32 << 20

// translatedReader reads the translated documents align is given: the
// folder TRANSLATED (which may lie outside the project: it is only read)
// or the one file TRANSLATED names. Only regular files are read, a named
// pipe or a device refused without waiting on it, and a link inside the
// folder is followed only while it stays inside the folder.
type translatedReader struct {
	dir *workspace.Workspace // nil when TRANSLATED is a file
}

func newTranslatedReader(translated string, isDir bool) (*translatedReader, error) {
	if !isDir {
		return &translatedReader{}, nil
	}
	ws, err := workspace.Open(translated)
	if err != nil {
		return nil, err
	}
	return &translatedReader{dir: ws}, nil
}

// read reads the translated document name (TRANSLATED itself, or a file
// under it at the slash-separated rel).
func (r *translatedReader) read(name, rel string) ([]byte, error) {
	var data []byte
	var err error
	if r.dir == nil {
		// The file the user named, wherever its links lead.
		real, rerr := filepath.EvalSymlinks(name)
		if rerr != nil {
			return nil, rerr
		}
		if err := sizeOK(name, real); err != nil {
			return nil, err
		}
		data, err = workspace.ReadRegular(real)
		var nr *workspace.NotRegularError
		if errors.As(err, &nr) {
			nr.Path = name
		}
	} else {
		to, rerr := r.dir.Resolve(rel)
		var esc *workspace.EscapeError
		if errors.As(rerr, &esc) {
			return nil, fmt.Errorf("%s: leads outside %s through a symbolic link; align reads only what is in the folder it is given", name, r.dir.Root())
		}
		if rerr != nil {
			return nil, rerr
		}
		if err := sizeOK(name, to); err != nil {
			return nil, err
		}
		data, err = r.dir.ReadFile(rel)
	}
	if err != nil {
		return nil, err
	}
	if len(data) > MaxTranslated {
		return nil, fmt.Errorf("%s: larger than %d MiB; align reads documents, not archives", name, MaxTranslated>>20)
	}
	return data, nil
}

// sizeOK refuses, before reading it, a regular file too large to be a
// document; what is not a regular file is left for the read to refuse.
func sizeOK(name, real string) error {
	fi, err := os.Stat(real)
	if err != nil {
		return err
	}
	if fi.Mode().IsRegular() && fi.Size() > MaxTranslated {
		return fmt.Errorf("%s: larger than %d MiB; align reads documents, not archives", name, MaxTranslated>>20)
	}
	return nil
}
