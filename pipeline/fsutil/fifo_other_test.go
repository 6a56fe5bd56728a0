//go:build !unix

package fsutil_test

import "errors"

func mkfifo(string) error { return errors.New("no named pipes") }
