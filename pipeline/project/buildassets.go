package project

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/quipu-l10n/quipu/pipeline/fsutil"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
)

// copyAssets stages, beside a document's page in one locale, the files
// under content/ the page references (see assets), where its relative
// URLs find them: output/<locale>/ then opens as the bundle export writes
// does. The pages of one document reference the same files in every locale
// (a translation cannot add a link or an image, and the template is the
// same), so the first page's are copied for all, listed in rep.Assets
// for the build cache.
func (p *Project) copyAssets(s Source, locale string, out []outFile, batch *fsutil.Batch, rep *docReport) error {
	if rep.Assets == nil {
		rep.Assets = []string{}
		for _, f := range out {
			if strings.HasSuffix(f.path, ".html") {
				rep.Assets = append(rep.Assets, p.assets(s, f.data)...)
			}
		}
	}
	for _, ref := range rep.Assets {
		data, err := p.readAsset(ref)
		if err != nil {
			return err
		}
		dst := path.Join(p.Config.Output, locale, ref)
		name, err := p.path(dst)
		if err != nil {
			return err
		}
		if _, err := batch.Add(name, data); err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
		// Listed with the document's outputs: they go with it, unless
		// another document's pages still use them.
		rep.outputs = append(rep.outputs, dst)
	}
	return nil
}

// readAsset reads a file a page references, given relative to the content
// folder, through the workspace: it must lie inside the project once
// symbolic links are resolved, so a link may not publish a file from
// elsewhere on the machine.
func (p *Project) readAsset(ref string) ([]byte, error) {
	return p.ws.ReadFile(path.Join(p.Config.Content, ref))
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
	return p.formats.For(string(ref[:end])) == nil // a page is no asset
}
