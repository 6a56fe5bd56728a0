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
}

// watchFS watches roots (files and folders relative to the project root;
// a folder with everything under it) through the file system's
// notifications.
func watchFS(root string, roots []string, changed func([]string), done <-chan struct{}) (watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	// A file (the configuration, the glossary) is watched through its
	// folder: editors replace a file by renaming another over it, and a
	// watch on the old file would see nothing after.
	files := map[string]bool{}
	add := func(dir string) error {
		return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // a folder that went away meanwhile
			}
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") && p != dir {
					return filepath.SkipDir
				}
				return w.Add(p)
			}
			return nil
		})
	}
	for _, r := range roots {
		abs := filepath.Join(root, filepath.FromSlash(r))
		fi, err := os.Stat(abs)
		switch {
		case err == nil && fi.IsDir():
			if err := add(abs); err != nil {
				w.Close()
				return nil, err
			}
		default:
			files[abs] = true
			if err := w.Add(filepath.Dir(abs)); err != nil && !os.IsNotExist(err) {
				w.Close()
				return nil, err
			}
		}
	}
	inRoots := func(abs string) bool {
		if files[abs] {
			return true
		}
		for _, r := range roots {
			a := filepath.Join(root, filepath.FromSlash(r))
			if abs == a || strings.HasPrefix(abs, a+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	// A burst of events (a sync writing thousands of files) is told in
	// batches: the first at once, the rest gathered while it is handled.
	var mu sync.Mutex
	var pending []string
	ready := make(chan struct{}, 1)
	report := changed
	changed = func(files []string) {
		mu.Lock()
		pending = append(pending, files...)
		mu.Unlock()
		select {
		case ready <- struct{}{}:
		default:
		}
	}
	go func() {
		for {
			select {
			case <-done:
				return
			case <-ready:
			}
			mu.Lock()
			batch := slices.Compact(pending)
			pending = nil
			mu.Unlock()
			if len(batch) > 0 {
				report(batch)
			}
		}
	}()
	go func() {
		for {
			select {
			case <-done:
				return
			case e, ok := <-w.Events:
				if !ok {
					return
				}
				if !inRoots(e.Name) {
					continue
				}
				if e.Has(fsnotify.Create) {
					// A new folder is watched with what it already holds;
					// its files count as changed.
					if fi, err := os.Stat(e.Name); err == nil && fi.IsDir() {
						add(e.Name)
						var news []string
						filepath.WalkDir(e.Name, func(p string, d fs.DirEntry, err error) error {
							if err == nil && !d.IsDir() {
								news = append(news, rel(root, p))
							}
							return nil
						})
						changed(append(news, rel(root, e.Name)))
						continue
					}
				}
				if e.Op == fsnotify.Chmod {
					continue
				}
				changed([]string{rel(root, e.Name)})
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
				// Events were lost (the kernel's queue overflowed): the
				// project is read afresh, every page built again.
				changed([]string{"."})
			}
		}
	}()
	return w, nil
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
type poller struct{ stop chan struct{} }

func (p *poller) Close() error { close(p.stop); return nil }

// sweep is how long it takes to stamp every file: what a file no page
// in use is built from waits at most, and what keeps the polling cheap
// (on the tldr corpus, 22,000 files a second, a few percent of a core).
const sweep = time.Second

func watchPoll(root string, roots []string, every time.Duration, hot func() []string, changed func([]string), done <-chan struct{}) watcher {
	pl := &poller{stop: make(chan struct{})}
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
	for _, r := range roots {
		abs := filepath.Join(root, filepath.FromSlash(r))
		if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
			scan(abs, nil)
		} else {
			single[abs] = stamp.Of(abs)
		}
	}
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
