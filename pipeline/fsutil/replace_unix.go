//go:build !windows

package fsutil

import "github.com/google/renameio/v2"

// replaceSynced writes data to a synced temporary file beside path and
// renames it over path, keeping the permissions of the file it replaces.
func replaceSynced(path string, data []byte) error {
	return renameio.WriteFile(path, data, 0o644)
}
