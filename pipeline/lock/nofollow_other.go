//go:build !unix

package lock

// noFollow: open looks at the file first.
const noFollow = 0
