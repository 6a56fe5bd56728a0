package syncer

import (
	"errors"
	"io/fs"
	"os"

	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// remove deletes a file the sync leaves empty (an obsolete file whose
// every message came back into its document), once every staged file is in
// place: a run killed before it leaves the empty file, which the next sync
// removes. With dry set it only tells. It reports whether the file exists.
func (st *stager) remove(path string) bool {
	name, err := st.t.Path(path)
	if err != nil {
		st.mu.Lock()
		st.errs = tree.WriteError(st.errs, path, err)
		st.mu.Unlock()
		return false
	}
	if _, err := os.Lstat(name); err != nil {
		return false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.removed = append(st.removed, path)
	return true
}

// removeAll deletes the files remove listed.
func (st *stager) removeAll() error {
	var errs []error
	for _, path := range st.removed {
		name, err := st.t.Path(path)
		if err == nil {
			err = os.Remove(name)
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = tree.WriteError(errs, path, err)
		}
	}
	return errors.Join(errs...)
}
