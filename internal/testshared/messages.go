package testshared

import (
	"os"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline/catalog"
)

// Messages reads and parses a message file, failing the test when it
// cannot.
func Messages(t testing.TB, name string) *catalog.File {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := catalog.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
