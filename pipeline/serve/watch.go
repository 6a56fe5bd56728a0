package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/quipu-l10n/quipu/pipeline/stamp"
)

// watcher is a running watch: it calls its changed function with the
// project-relative, slash-separated paths of the files that changed under
// its roots, until closed or until done is closed.
type watcher interface {
	Close() error
	// SetRoots changes what is watched: a new configuration may name
	// another template folder, glossary or content folder.
	SetRoots(roots []string)
}

// settle is how long a burst of events is gathered before it is told: a
// file written in place is truncated, then written, and a page built
// between the two would show it empty.
const settle = 5 * time.Millisecond

// coalesce returns a function that gathers changed files and a goroutine
// that reports them once no more came for settle (at most a tenth of a
// second after the first), so one save is one report.
func coalesce(report func([]string), done <-chan struct{}) func([]string) {
	var mu sync.Mutex
	var pending []string
	ready := make(chan struct{}, 1)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-ready:
			}
			first := time.Now()
			for time.Since(first) < 100*time.Millisecond {
				select {
				case <-done:
					return
				case <-ready:
					continue
				case <-time.After(settle):
				}
				break
			}
			mu.Lock()
			batch := pending
			pending = nil
			mu.Unlock()
			slices.Sort(batch)
			if batch = slices.Compact(batch); len(batch) > 0 {
				report(batch)
			}
		}
	}()
	return func(files []string) {
		mu.Lock()
		pending = append(pending, files...)
		mu.Unlock()
		select {
		case ready <- struct{}{}:
		default:
		}
	}
}

// fsWatch watches through the file system's notifications.
type fsWatch struct {
	w    *fsnotify.Watcher
	root string // absolute

	mu    sync.Mutex
	roots []string        // absolute
	files map[string]bool // roots that are files, watched through their folder
}

func (fw *fsWatch) Close() error { return fw.w.Close() }

// watchFS watches roots (files and folders relative to the project root;
// a folder with everything under it) through the file system's
// notifications.
func watchFS(root string, roots []string, changed func([]string), done <-chan struct{}) (watcher, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	fw := &fsWatch{w: w, root: root}
	if err := fw.setRoots(roots); err != nil {
		w.Close()
		return nil, err
	}
	changed = coalesce(changed, done)
	go fw.run(changed, done)
	return fw, nil
}

func (fw *fsWatch) SetRoots(roots []string) { fw.setRoots(roots) }

func (fw *fsWatch) setRoots(roots []string) error {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	fw.roots = fw.roots[:0]
	fw.files = map[string]bool{}
	// A file (the configuration, the glossary) is watched through its
	// folder: editors replace a file by renaming another over it, and a
	// watch on the old file would see nothing after.
	for _, r := range roots {
		abs := filepath.Join(fw.root, filepath.FromSlash(r))
		fw.roots = append(fw.roots, abs)
		fi, err := os.Stat(abs)
		switch {
		case err == nil && fi.IsDir():
			if err := fw.add(abs); err != nil {
				return err
			}
		default:
			fw.files[abs] = true
			if err := fw.w.Add(filepath.Dir(abs)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}

// add watches a folder and every folder under it but hidden ones.
func (fw *fsWatch) add(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that went away meanwhile
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			if err := fw.w.Add(p); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
		return nil
	})
}

// drop stops watching a folder that went away or was renamed, and every
// folder under it: a watch follows the folder, not its name, and would
// report its files under the old name, or be lost when the folder is
// added again under the new one.
func (fw *fsWatch) drop(dir string) {
	for _, p := range fw.w.WatchList() {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			fw.w.Remove(p)
		}
	}
}

func (fw *fsWatch) inRoots(abs string) bool {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if fw.files[abs] {
		return true
	}
	for _, a := range fw.roots {
		if abs == a || strings.HasPrefix(abs, a+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (fw *fsWatch) run(changed func([]string), done <-chan struct{}) {
	w := fw.w
	for {
		select {
		case <-done:
			return
		case e, ok := <-w.Events:
			if !ok {
				return
			}
			name := filepath.Clean(e.Name)
			if !fw.inRoots(name) {
				continue
			}
			if e.Has(fsnotify.Rename) || e.Has(fsnotify.Remove) {
				fw.drop(name)
			}
			if e.Has(fsnotify.Create) {
				// A new folder, or one renamed or moved here, is watched
				// with what it holds; its files count as changed.
				if fi, err := os.Stat(name); err == nil && fi.IsDir() {
					fw.drop(name)
					fw.add(name)
					var news []string
					filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
						if err == nil && !d.IsDir() {
							news = append(news, rel(fw.root, p))
						}
						return nil
					})
					changed(append(news, rel(fw.root, name)))
					continue
				}
			}
			if e.Op == fsnotify.Chmod {
				continue
			}
			changed([]string{rel(fw.root, name)})
		case _, ok := <-w.Errors:
			if !ok {
				return
			}
			// Events were lost (the kernel's queue overflowed): the
			// project is read afresh, every page built again.
			changed([]string{"."})
		}
	}
}

func rel(root, abs string) string {
	r, err := filepath.Rel(root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// poller watches by stamps (size and modification time), for file systems
// without notifications. Stamping every file of a large project takes
// tens of milliseconds, so it is spread: every interval it stamps the
// folders (listing again those whose time changed), the files of the
// pages in use (hot: the pages a browser shows and the workbench edits),
// and a slice of all the files, so that every file is stamped every
// sweep.
type poller struct {
	stop  chan struct{}
	roots chan []string
}

func (p *poller) Close() error { close(p.stop); return nil }

// SetRoots hands the new roots to the polling goroutine, which owns the
// stamps; roots it has already are kept as they are.
// It never blocks: the goroutine itself calls it (through the changed
// function it reports to), and the latest roots are what count.
func (p *poller) SetRoots(roots []string) {
	for {
		select {
		case p.roots <- roots:
			return
		default:
		}
		select {
		case <-p.roots:
		default:
		}
	}
}

// sweep is how long it takes to stamp every file: what a file no page
// in use is built from waits at most, and what keeps the polling cheap
// (on the tldr corpus, 22,000 files a second, a few percent of a core).
const sweep = time.Second

func watchPoll(root string, roots []string, every time.Duration, hot func() []string, changed func([]string), done <-chan struct{}) watcher {
	pl := &poller{stop: make(chan struct{}), roots: make(chan []string, 1)}
	type folder struct {
		mod   int64
		files map[string]stamp.Stamp
	}
	folders := map[string]*folder{} // by absolute path
	var scan func(dir string, report *[]string)
	// list reads a folder's names, stamping new files and recursing into
	// new folders.
	list := func(dir string, f *folder, report *[]string) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		st := stamp.Open(dir)
		defer st.Close()
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(dir, name)
			if e.IsDir() {
				if !strings.HasPrefix(name, ".") {
					if _, ok := folders[p]; !ok {
						scan(p, report)
					}
				}
				continue
			}
			seen[name] = true
			if _, ok := f.files[name]; !ok {
				f.files[name] = st.Stat(name)
				if report != nil {
					*report = append(*report, rel(root, p))
				}
			}
		}
		for name := range f.files {
			if !seen[name] {
				delete(f.files, name)
				if report != nil {
					*report = append(*report, rel(root, filepath.Join(dir, name)))
				}
			}
		}
	}
	scan = func(dir string, report *[]string) {
		f := &folder{mod: stamp.Of(dir).Mod, files: map[string]stamp.Stamp{}}
		folders[dir] = f
		list(dir, f, report)
	}
	single := map[string]stamp.Stamp{}
	addRoots := func(roots []string) {
		for _, r := range roots {
			abs := filepath.Join(root, filepath.FromSlash(r))
			if _, ok := single[abs]; ok {
				continue
			}
			if _, ok := folders[abs]; ok {
				continue
			}
			if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
				scan(abs, nil)
			} else {
				single[abs] = stamp.Of(abs)
			}
		}
	}
	addRoots(roots)
	// stampHot stamps the hot files the sweep knows, updating what the
	// sweep compares, so a change is reported once.
	stampHot := func(report *[]string) {
		for _, r := range hot() {
			abs := filepath.Join(root, filepath.FromSlash(r))
			f := folders[filepath.Dir(abs)]
			if f == nil {
				continue
			}
			name := filepath.Base(abs)
			old, ok := f.files[name]
			if !ok {
				continue // a new file: the sweep lists it
			}
			if s := stamp.Of(abs); s != old {
				f.files[name] = s
				*report = append(*report, r)
			}
		}
	}
	// The sweep goes through every file in slices, one a tick, so a tick
	// never takes long and the hot files keep being stamped on time.
	type entry struct{ dir, name string }
	var order []entry
	cursor := 0
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-pl.stop:
				return
			case r := <-pl.roots:
				addRoots(r)
				continue
			case <-t.C:
			}
			// The files in use first, told at once: the slice of the
			// sweep below must not delay them.
			var report []string
			for abs, old := range single {
				if s := stamp.Of(abs); s != old {
					single[abs] = s
					report = append(report, rel(root, abs))
				}
			}
			stampHot(&report)
			if len(report) > 0 {
				changed(report)
				report = nil
			}
			// Then the folders: a file created, removed or renamed over
			// changes its folder's time.
			for dir, f := range folders {
				mod := stamp.Of(dir)
				if !mod.Exists() {
					for name := range f.files {
						report = append(report, rel(root, filepath.Join(dir, name)))
					}
					delete(folders, dir)
					continue
				}
				if mod.Mod != f.mod {
					f.mod = mod.Mod
					list(dir, f, &report)
				}
			}
			if cursor >= len(order) {
				order, cursor = order[:0], 0
				for dir, f := range folders {
					for name := range f.files {
						order = append(order, entry{dir, name})
					}
				}
			}
			end := min(len(order), cursor+int(int64(len(order))*int64(every)/int64(sweep))+1)
			for _, e := range order[cursor:end] {
				f := folders[e.dir]
				if f == nil {
					continue
				}
				old, ok := f.files[e.name]
				if !ok {
					continue
				}
				if s := stamp.Of(filepath.Join(e.dir, e.name)); s != old {
					f.files[e.name] = s
					report = append(report, rel(root, filepath.Join(e.dir, e.name)))
				}
			}
			cursor = end
			if len(report) > 0 {
				changed(report)
			}
		}
	}()
	return pl
}
