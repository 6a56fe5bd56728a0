package project

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
)

// copyAssets stages, beside a document's page in one locale, the files
// under content/ the page references (see assets), where its relative
// URLs find them: output/<locale>/ then opens as the bundle export writes
// does. The pages of one document reference the same files in every locale
// (a translation cannot add a link or an image, and the template is the
// same), so the first page's are copied for all, listed in rep.Assets
// for the build cache. A reference to a file that is not there is a
// warning of the document's.
//
// Documents share assets (one logo on every page): each file is staged
// once per build, by the first document to need it, as a batch can hold
// one new version of a file, not two.
func (p *Project) copyAssets(s Source, locale string, out []outFile, batch *fsutil.Batch, rep *docReport) error {
	if rep.Assets == nil {
		rep.Assets = []string{}
		missing := func(ref, rel string) {
			rep.Warnings = append(rep.Warnings, p.missingAsset(s, ref, rel))
			rep.Missing = append(rep.Missing, rel)
		}
		for _, f := range out {
			if strings.HasSuffix(f.path, output.Page.Ext()) {
				rep.Assets = append(rep.Assets, p.pageAssets(s, f.data, missing)...)
			}
		}
	}
	for _, ref := range rep.Assets {
		dst := path.Join(p.Config.Output, locale, ref)
		// Listed with the document's outputs: they go with it, unless
		// another document's pages still use them.
		rep.Built = append(rep.Built, dst)
		if p.staged != nil {
			if _, dup := p.staged.LoadOrStore(dst, true); dup {
				continue
			}
		}
		data, err := p.readAsset(ref)
		if err != nil {
			return err
		}
		name, err := p.Path(dst)
		if err != nil {
			return err
		}
		if _, err := batch.Add(name, data); err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
	}
	return nil
}

// missingAsset is the warning for a page's reference to a file that is
// not under content/: at the reference in the document when the URL is
// written there as is (a template's references have no place in it).
func (p *Project) missingAsset(s Source, ref, rel string) string {
	name := p.ContentPath(s)
	where := name
	if src, err := p.WS.ReadFile(name); err == nil {
		if i := bytes.Index(src, []byte(ref)); i >= 0 {
			line := 1 + bytes.Count(src[:i], []byte("\n"))
			col := i - (bytes.LastIndexByte(src[:i], '\n') + 1) + 1
			where = fmt.Sprintf("%s:%d:%d", name, line, col)
		}
	}
	return fmt.Sprintf("%s: references %s, which is not in %s/", where, rel, path.Clean(p.Config.Content))
}

// readAsset reads a file a page references, given relative to the content
// folder, through the workspace: it must lie inside the project once
// symbolic links are resolved, so a link may not publish a file from
// elsewhere on the machine.
func (p *Project) readAsset(ref string) ([]byte, error) {
	return p.WS.ReadFile(path.Join(p.Config.Content, ref))
}

// assetStats are the sizes and times of a document's assets under
// content/, then of their copies in each locale's output: the build cache
// rebuilds the document when one changed or went missing.
func (p *Project) assetStats(refs, locales []string) []stamp.Stamp {
	if len(refs) == 0 {
		return nil
	}
	files := make([]string, 0, len(refs)*(1+len(locales)))
	for _, ref := range refs {
		files = append(files, path.Join(p.Config.Content, ref))
	}
	for _, l := range locales {
		for _, ref := range refs {
			files = append(files, path.Join(p.Config.Output, l, ref))
		}
	}
	return stamp.Files(p.Root, files)
}

// mayBeAsset tells at a glance the URLs that cannot name a file under
// content/ (a fragment, an absolute path or URL, a page): every page has
// dozens of them, and build looks at every page.
func (p *Project) mayBeAsset(ref []byte) bool {
	ref = bytes.TrimSpace(ref)
	if len(ref) == 0 || ref[0] == '#' || ref[0] == '/' || ref[0] == '?' {
		return false
	}
	if i := bytes.IndexAny(ref, ":/?#"); i > 0 && ref[i] == ':' {
		return false // a scheme: https:, mailto:, data:
	}
	end := len(ref)
	if i := bytes.IndexAny(ref, "?#"); i >= 0 {
		end = i
	}
	return p.Formats.For(string(ref[:end])) == nil // a page is no asset
}
