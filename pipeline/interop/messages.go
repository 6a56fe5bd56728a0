package interop

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
)

// lockMessages takes the project's lock for a run that writes message
// files, which are sync's too, so the two cannot interleave, and removes
// the files of a sync that did not finish. release frees the lock.
func (p *run) lockMessages() (release func(), err error) {
	l, err := p.Lock()
	if err != nil {
		return nil, err
	}
	if err := fsutil.Recover(p.Abs(syncer.Journal), p.OwnedBy(p.Config.LocalesDir)); err != nil {
		l.Release()
		return nil, fmt.Errorf("removing the files of a sync that did not finish: %w", err)
	}
	return func() { l.Release() }, nil
}

// stage syncs a document's merged message file f again, for what depends
// on the new text (go-i18n delimiters), and stages it in writes when it
// differs from the file at path, adding path to changed.
func (p *run) stage(doc *pipeline.Document, f *catalog.File, path, locale string, opts catalog.Options, writes map[string][]byte, changed []string) []string {
	f, _, _ = catalog.Sync(doc, f, path, locale, opts)
	data := catalog.Format(f)
	if old, err := p.WS.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return changed
	}
	writes[path] = data
	return append(changed, path)
}

// writeStaged sorts the staged files' names and writes them, unless dry;
// verb says which it did, for the log.
func (p *run) writeStaged(names []string, writes map[string][]byte, dry bool) (verb string, err error) {
	sort.Strings(names)
	if dry {
		return "would write", nil
	}
	return "write", p.writeAll(names, writes)
}

// writeAll replaces the message files named, all or none, through the
// batch and the journal sync writes them with.
func (p *run) writeAll(names []string, data map[string][]byte) error {
	for _, name := range names {
		if err := p.inside(name); err != nil {
			return err
		}
	}
	batch := fsutil.NewBatch(true)
	batch.Journal(p.Abs(syncer.Journal))
	for _, name := range names {
		if _, err := batch.Add(p.Abs(name), data[name]); err != nil {
			batch.Abort()
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return batch.Commit()
}
