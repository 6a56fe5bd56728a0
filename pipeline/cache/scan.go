package cache

import (
	"os"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/quipu-l10n/quipu/pipeline/parallel"
	"github.com/quipu-l10n/quipu/pipeline/stamp"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// Scan is what sync learns of the project's files before reading any:
// enough to tell, against the cache, which documents need a sync, and to
// skip reading files that do not exist.
//
// A stat costs a system call per file; a folder listing costs far less per
// name. So the target locales' folders are listed, one listing per folder,
// and only the files found are stat'ed: most documents have no obsolete
// file. The source locale's message files are not stat'ed at all: only
// sync writes them, always by renaming a new file into place, so their
// folders' times say whether any was created, deleted or renamed since
// (see Sync.dirs).
type Scan struct {
	t       *tree.Tree
	sources []tree.Source
	// inputs holds each document's stamps.
	inputs []SyncInputs
	// strays counts message files, in the documents' folders, that belong
	// to no document.
	strays int
	// srcDirs are the folders of the source locale's message files, with
	// their times, sorted.
	srcDirs []dirTime
}

// dirTime is a folder's modification time (-1: absent).
type dirTime struct {
	Path string
	Mod  int64
	// Racy is set when the time was read so soon after the folder last
	// changed that a change in the same tick of the file system's clock
	// would leave the time as it is: the next sync lists the folder.
	Racy  bool
	docs  []int           // the documents whose source message files it holds
	stems map[string]bool // its files' stems, when listed
}

// racyWindow is how long after a change a folder's time may not yet tell
// the next one: file systems keep times in ticks of up to two seconds.
const racyWindow = 2 * time.Second

// SyncInputs are the stamps of the files a document's sync reads.
type SyncInputs struct {
	Source stamp.Stamp // the document
	// Messages and Obsolete are, per target locale, its message file and
	// its obsolete file.
	Messages, Obsolete []stamp.Stamp
}

// File is the stamp of the message file of the k-th target locale, or of
// its obsolete file.
func (in *SyncInputs) File(k int, obsolete bool) *stamp.Stamp {
	if obsolete {
		return &in.Obsolete[k]
	}
	return &in.Messages[k]
}

// equalFiles reports whether two documents' message files are as they
// were, whatever their sources.
func (in *SyncInputs) equalFiles(o *SyncInputs) bool {
	return slices.Equal(in.Messages, o.Messages) && slices.Equal(in.Obsolete, o.Obsolete)
}

// cut gives the i-th document's inputs their message files' stamps from
// slab, which holds 2×locales stamps per document: one allocation for
// all the documents.
func (in *SyncInputs) cut(slab []stamp.Stamp, i, locales int) {
	m := slab[2*i*locales:]
	in.Messages, in.Obsolete = m[:locales:locales], m[locales:2*locales:2*locales]
}

// newSyncInputs makes n documents' inputs for a number of target locales.
func newSyncInputs(n, locales int) []SyncInputs {
	out := make([]SyncInputs, n)
	slab := make([]stamp.Stamp, 2*n*locales)
	for i := range out {
		out[i].cut(slab, i, locales)
	}
	return out
}

// Input returns a document's inputs.
func (sc *Scan) Input(i int) *SyncInputs { return &sc.inputs[i] }

// Has reports whether a document's message file (obsolete false) or
// obsolete file of the k-th target locale existed when scanned.
func (sc *Scan) Has(i, k int, obsolete bool) bool {
	return sc.Input(i).File(k, obsolete).Exists()
}

// ByFolder groups documents by their folder, folders in order of first
// appearance.
func ByFolder(sources []tree.Source) (dirs []string, groups map[string][]int) {
	groups = map[string][]int{}
	for i, s := range sources {
		d := path.Dir(s.Rel)
		if groups[d] == nil {
			dirs = append(dirs, d)
		}
		groups[d] = append(groups[d], i)
	}
	return dirs, groups
}

// folderPart is a slice of one folder's documents, small enough for the
// stats of a folder to be shared out between the cores.
type folderPart struct {
	dir  string
	docs []int
}

func folderSlices(dirs []string, groups map[string][]int) []folderPart {
	const slice = 256
	var parts []folderPart
	for _, d := range dirs {
		for g := groups[d]; len(g) > 0; {
			n := min(slice, len(g))
			parts = append(parts, folderPart{d, g[:n]})
			g = g[n:]
		}
	}
	return parts
}

// ScanSync lists the target locales' folders and stats the documents and
// the message files found. ahead holds folders listed already.
func ScanSync(t *tree.Tree, sources []tree.Source, ahead map[string]dirListing) *Scan {
	locales := t.Config.Locales
	sc := &Scan{t: t, sources: sources, inputs: newSyncInputs(len(sources), len(locales))}

	// Documents by folder: each folder of message files is listed once.
	dirs, groups := ByFolder(sources)
	parts := folderSlices(dirs, groups)

	// First the listings, largest first, with the documents' own stats
	// filling in around them; then the message files found.
	// maybe[i*len(locales)+k]: bit 1, the message file may exist; bit 2,
	// the obsolete file.
	maybe := make([]uint8, len(sources)*len(locales))
	lists := make([]int, len(dirs)*len(locales))
	for j := range lists {
		lists[j] = j
	}
	slices.SortStableFunc(lists, func(a, b int) int { return len(groups[dirs[b/len(locales)]]) - len(groups[dirs[a/len(locales)]]) })
	strays := make([]int, len(lists))
	parallel.Each(len(lists)+len(parts), func(j int) {
		if j < len(lists) {
			d, k := dirs[lists[j]/len(locales)], lists[j]%len(locales)
			strays[j] = listMessageDir(t, locales[k], d, ahead, sources, groups[d], func(i int, bit uint8) {
				maybe[i*len(locales)+k] |= bit
			})
			return
		}
		pt := parts[j-len(lists)]
		content := stamp.Open(t.Abs(path.Join(t.Config.Content, pt.dir)))
		defer content.Close()
		for _, i := range pt.docs {
			in := sc.Input(i)
			in.Source = content.Stat(path.Base(sources[i].Rel))
		}
	})
	for _, n := range strays {
		sc.strays += n
	}
	parallel.Each(len(parts)*len(locales), func(j int) {
		pt, k := parts[j/len(locales)], j%len(locales)
		suffix := "." + locales[k] + ".toml"
		var msgs stamp.Folder
		opened := false
		for _, i := range pt.docs {
			in, m := sc.Input(i), maybe[i*len(locales)+k]
			in.Messages[k], in.Obsolete[k] = stamp.Missing, stamp.Missing
			if m == 0 {
				continue
			}
			if !opened {
				msgs, opened = stamp.Open(t.Abs(path.Join(t.Config.LocalesDir, locales[k], pt.dir))), true
				defer msgs.Close()
			}
			base := path.Base(tree.Stem(sources[i].Rel))
			if m&1 != 0 {
				in.Messages[k] = msgs.Stat(base + suffix)
			}
			if m&2 != 0 {
				in.Obsolete[k] = msgs.Stat(base + ".obsolete" + suffix)
			}
		}
	})

	sc.srcDirs = make([]dirTime, len(dirs))
	for j, d := range dirs {
		sc.srcDirs[j] = dirTime{Path: path.Join(t.Config.LocalesDir, t.Config.SourceLocale, d), docs: groups[d]}
	}
	slices.SortFunc(sc.srcDirs, func(a, b dirTime) int { return strings.Compare(a.Path, b.Path) })
	statDirs(t.Root, sc.srcDirs)
	return sc
}

// statDirs fills in the folders' times.
func statDirs(root string, dirs []dirTime) {
	parallel.Each(len(dirs), func(j int) {
		dirs[j].Mod = stamp.FolderTime(root, dirs[j].Path)
		dirs[j].Racy = dirs[j].Mod > time.Now().Add(-racyWindow).UnixNano()
	})
}

// sameSourceDirs reports whether the source locale's message folders are
// as they were: the same folders with the same times, and those whose
// time was racy still hold every document's file.
func (sc *Scan) sameSourceDirs(old []dirTime) bool {
	if len(old) != len(sc.srcDirs) {
		return false
	}
	for j, d := range sc.srcDirs {
		if old[j].Path != d.Path || old[j].Mod != d.Mod || old[j].Racy && !sc.complete(d, old[j].stems) {
			return false
		}
	}
	return true
}

// complete reports whether a source locale message folder holds the file
// of every document it should; have are its files' stems, if listed
// already.
func (sc *Scan) complete(d dirTime, have map[string]bool) bool {
	if have == nil {
		have = sourceStems(sc.t, d.Path)
	}
	for _, i := range d.docs {
		if !have[path.Base(tree.Stem(sc.sources[i].Rel))] {
			return false
		}
	}
	return true
}

// sourceStems lists the stems of the source locale's message files in a
// folder; an empty map if it cannot be listed.
func sourceStems(t *tree.Tree, dir string) map[string]bool {
	names, err := readDirNames(t.Abs(dir))
	suffix := "." + t.Config.SourceLocale + ".toml"
	have := make(map[string]bool, len(names))
	for _, n := range names {
		if base, ok := strings.CutSuffix(n, suffix); ok {
			have[base] = true
		}
	}
	if err != nil {
		clear(have)
	}
	return have
}

// listMessageDir lists the folder of a locale's message files for the
// documents of one content folder, and calls mark for each file that may
// be one of theirs (bit 1: the message file, 2: the obsolete file). It
// returns how many message files there belong to no document.
//
// A file absent from the listing is absent, as long as names compare as the
// file system compares them. On a case-insensitive file system (macOS,
// Windows) Tar.es-PE.toml is tar.es-PE.toml: when a name there could be
// such a variant of one expected, names are matched folded, and a false
// match only costs a stat. A folder that cannot be listed leaves every
// file to a stat.
func listMessageDir(t *tree.Tree, locale, dir string, ahead map[string]dirListing, sources []tree.Source, docs []int, mark func(i int, bit uint8)) int {
	suffix := "." + locale + ".toml"
	rel := path.Join(t.Config.LocalesDir, locale, dir)
	l, ok := ahead[rel]
	if !ok {
		l = listDir(t, rel)
	}
	names, err := l.names, l.err
	if err != nil {
		if !os.IsNotExist(err) {
			for _, i := range docs {
				mark(i, 3)
			}
		}
		return 0
	}
	bases := make(map[string]int, len(docs))
	for _, i := range docs {
		bases[path.Base(tree.Stem(sources[i].Rel))] = i
	}
	strays, variants := 0, false
	foldedSuffix := foldName(suffix)
	for _, n := range names {
		if x, ok := strings.CutSuffix(n, suffix); ok {
			if i, ok := bases[x]; ok {
				mark(i, 1)
				continue
			}
			if b, ok := strings.CutSuffix(x, ".obsolete"); ok {
				if i, ok := bases[b]; ok {
					mark(i, 2)
					continue
				}
			}
			strays++
		}
		if !variants && strings.HasSuffix(foldName(n), foldedSuffix) {
			variants = true
		}
	}
	if variants {
		folded := make(map[string]bool, len(names))
		for _, n := range names {
			folded[foldName(n)] = true
		}
		for _, i := range docs {
			base := path.Base(tree.Stem(sources[i].Rel))
			if folded[foldName(base+suffix)] {
				mark(i, 1)
			}
			if folded[foldName(base+".obsolete"+suffix)] {
				mark(i, 2)
			}
		}
	}
	return strays
}

// dirListing is what listing a folder gave.
type dirListing struct {
	names []string
	err   error
}

// listDir lists a folder, given relative to the project.
func listDir(t *tree.Tree, rel string) dirListing {
	names, err := readDirNames(t.Abs(rel))
	return dirListing{names, err}
}

func readDirNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}

// foldName folds a file name as case-insensitive file systems compare
// names: letter case and Unicode normalization aside.
func foldName(name string) string {
	ascii, upper := true, false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return name
		}
		return strings.ToLower(name)
	}
	return cases.Fold().String(norm.NFC.String(name))
}
