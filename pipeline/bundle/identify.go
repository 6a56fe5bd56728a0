package bundle

import (
	"fmt"
	"io"
)

// Identify reads the manifest of the archive src to tell whether quipu
// wrote it, within the bounds Check keeps (at most MaxManifest, decoded by
// ReadManifest), without reading any other entry's contents. quipu writes
// an archive's entries in path order (see Write), so the walk ends at the
// manifest, or at the first entry that sorts after it, comes out of order,
// or is neither a plain file nor a folder: an archive quipu did not write
// costs a few entries, whatever its size. Identify does not verify the
// files; Check does.
func Identify(src Source) (*Manifest, error) {
	var m *Manifest
	var why error
	prev := ""
	err := src.Walk(func(it *Item) error {
		key := it.Name
		if it.Dir {
			key += "/" // as written: "a/" sorts after "a.txt"
		}
		switch {
		case it.Problem != "":
			why = fmt.Errorf("%s", it.Problem)
		case key == ManifestName:
			m, why = readManifestItem(it)
		case key < prev || key > ManifestName:
			why = fmt.Errorf("%s: missing", ManifestName)
		default:
			prev = key
			return nil
		}
		return ErrStop
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("unreadable: %w", err)
	case why != nil:
		return nil, why
	case m == nil:
		return nil, fmt.Errorf("%s: missing", ManifestName)
	}
	return m, nil
}

// readManifestItem reads the manifest entry it, refusing one longer than
// MaxManifest without reading it.
func readManifestItem(it *Item) (*Manifest, error) {
	if it.Size > MaxManifest {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d a manifest may have", ManifestName, it.Size, MaxManifest)
	}
	return ReadManifest(io.LimitReader(it.R, it.Size), it.Size)
}
