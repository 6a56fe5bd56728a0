package msgedit

// SetBeforeReread lets a test edit the message file while a save checks
// the translation, before it reads the file again to write it.
func SetBeforeReread(f func()) func() {
	old := beforeReread
	beforeReread = f
	return func() { beforeReread = old }
}
