package fsutil

// FailRename makes the batch's renames onto target fail with err, until
// the returned function restores them.
func FailRename(target string, err error) (restore func()) {
	old := rename
	rename = func(from, to string) error {
		if to == target {
			return err
		}
		return old(from, to)
	}
	return func() { rename = old }
}
