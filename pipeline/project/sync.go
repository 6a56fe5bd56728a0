package project

import (
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tm"
)

// SyncOptions tune Sync.
type SyncOptions = syncer.Options

// SyncResult sums up a sync.
type SyncResult = syncer.Result

// Sync splits every document and brings the message files of the source
// locale and of every target locale in step with it (see package syncer).
func (p *Project) Sync(opt SyncOptions) (*SyncResult, error) { return syncer.Sync(p.Tree, opt) }

// Memory returns the translation memory of a locale: every usable
// translation in the project, obsolete ones included.
func (p *Project) Memory(locale string) (*tm.Memory, error) { return syncer.Memory(p.Tree, locale) }
