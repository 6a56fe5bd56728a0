package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/workspace"
)

// Write writes quipu.toml in root, as quipu init makes it: a file
// already there is replaced only with force, and a configuration quipu
// would refuse to open is not left behind (the old file, if any, is put
// back).
func Write(root string, data []byte, force bool) error {
	ws, err := workspace.Open(root)
	if err != nil {
		return err
	}
	name, err := ws.Path(File)
	if err != nil {
		return err
	}
	old, err := ws.ReadFile(File)
	switch {
	case err == nil && !force:
		return fmt.Errorf("%s already exists (--force replaces it)", File)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if err := fsutil.WriteDurable(name, data); err != nil {
		return err
	}
	if _, err := Load(root); err != nil {
		if old != nil {
			_ = fsutil.WriteDurable(name, old)
		} else {
			_ = os.Remove(name)
		}
		return fmt.Errorf("the configuration init made does not work, so it was not kept:\n%w", err)
	}
	return nil
}
