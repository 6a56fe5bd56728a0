package syncer_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/internal/testshared"
	"github.com/quipu-l10n/quipu/pipeline/catalog"
	"github.com/quipu-l10n/quipu/pipeline/pseudo"
	"github.com/quipu-l10n/quipu/pipeline/syncer"
	"github.com/quipu-l10n/quipu/pipeline/tree"
)

// TestSyncSettles edits a project at random, round after round: words
// changed in paragraphs, paragraphs inserted, deleted and moved, documents
// added, deleted and renamed, messages translated and reviewed. After each
// round's sync, a second sync writes nothing (sync is a fixed point), and
// the sync, incremental when only documents changed, wrote exactly what a
// full sync (--force) of the same project writes.
//
// Each seed is printed; QUIPU_SEED replays one. QUIPU_SCALE=1 runs many
// more rounds, from a new seed each time.
func TestSyncSettles(t *testing.T) {
	// Fixed seeds by default, so every run tries the same cases (the
	// second makes many incremental syncs); a new one each time at scale.
	seeds, rounds := []uint64{9, 23}, 12
	if testshared.Scale() {
		seeds, rounds = []uint64{uint64(time.Now().UnixNano())}, 200
	}
	if s := os.Getenv("QUIPU_SEED"); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("QUIPU_SEED: %v", err)
		}
		seeds = []uint64{seed}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { settles(t, seed, rounds) })
	}
}

// settles plays rounds of random changes from seed (see TestSyncSettles).
func settles(t *testing.T, seed uint64, rounds int) {
	t.Logf("seed %d (QUIPU_SEED=%d replays it), %d rounds", seed, seed, rounds)
	g := &garden{t: t, rng: rand.New(rand.NewPCG(seed, seed)), root: t.TempDir()}
	for range 6 {
		g.addDoc()
	}
	p, err := tree.Open(g.root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.Sync(p, syncer.Options{}); err != nil {
		t.Fatal(err)
	}
	incremental := 0
	for round := range rounds {
		g.round()
		twin := t.TempDir()
		for _, dir := range []string{"content", "locales"} {
			testshared.CopyTree(t, filepath.Join(g.root, dir), filepath.Join(twin, dir))
		}
		res, err := syncer.Sync(p, syncer.Options{})
		if err != nil {
			t.Fatalf("seed %d, round %d: %v", seed, round, err)
		}
		if res.Synced < res.Documents {
			incremental++
		}
		q, err := tree.Open(twin)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := syncer.Sync(q, syncer.Options{Force: true}); err != nil {
			t.Fatalf("seed %d, round %d: full sync: %v", seed, round, err)
		}
		got, want := readTree(t, filepath.Join(g.root, "locales")), readTree(t, filepath.Join(twin, "locales"))
		for _, name := range slices.Sorted(func(yield func(string) bool) {
			for k := range want {
				if !yield(k) {
					return
				}
			}
		}) {
			if got[name] != want[name] {
				t.Fatalf("seed %d, round %d (synced %d of %d documents): %s differs from a full sync's:\n%s\n--- full sync:\n%s", seed, round, res.Synced, res.Documents, name, got[name], want[name])
			}
		}
		if len(got) != len(want) {
			t.Fatalf("seed %d, round %d: %d message files, a full sync has %d", seed, round, len(got), len(want))
		}
		for _, force := range []bool{false, true} {
			again, err := syncer.Sync(p, syncer.Options{Force: force})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Changed) > 0 {
				name := again.Changed[0]
				now, _ := os.ReadFile(filepath.Join(g.root, name))
				t.Fatalf("seed %d, round %d: a second sync (force %v) rewrote %v; %s was:\n%s\n--- now:\n%s", seed, round, force, again.Changed, name, got[strings.TrimPrefix(name, "locales/")], now)
			}
		}
	}
	t.Logf("%d rounds, %d of them incremental syncs", rounds, incremental)
}

// garden grows a project of small documents made of few words, so that
// segments often match others exactly or closely.
type garden struct {
	t     *testing.T
	rng   *rand.Rand
	root  string
	docs  []*gardenDoc
	bases [][]string
	next  int
}

type gardenDoc struct {
	name   string
	blocks []string
}

var gardenWords = strings.Fields("the river runs north past old stone walls and green fields where farmers plant corn in spring")

// sentence returns one of a few sentences with a word or two changed,
// as pages of one kind say much the same thing: translation memory then
// has close matches to offer.
func (g *garden) sentence() string {
	for len(g.bases) < 6 {
		w := make([]string, 6+g.rng.IntN(4))
		for i := range w {
			w[i] = gardenWords[g.rng.IntN(len(gardenWords))]
		}
		g.bases = append(g.bases, w)
	}
	w := slices.Clone(g.bases[g.rng.IntN(len(g.bases))])
	for range g.rng.IntN(3) {
		w[g.rng.IntN(len(w))] = gardenWords[g.rng.IntN(len(gardenWords))]
	}
	if g.rng.IntN(5) == 0 {
		i := g.rng.IntN(len(w))
		w[i] = "*" + w[i] + "*"
	}
	if g.rng.IntN(8) == 0 {
		w[g.rng.IntN(len(w))] = "`code`"
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

func (g *garden) block() string {
	switch g.rng.IntN(6) {
	case 0:
		return "## " + strings.TrimSuffix(g.sentence(), ".")
	case 1:
		return "- " + g.sentence() + "\n- " + g.sentence()
	case 2:
		return g.sentence() + "\n" + g.sentence() // one paragraph of two lines
	}
	if len(g.docs) > 0 && g.rng.IntN(2) == 0 {
		// A block another document has: memory knows it.
		other := g.docs[g.rng.IntN(len(g.docs))]
		if len(other.blocks) > 0 {
			return other.blocks[g.rng.IntN(len(other.blocks))]
		}
	}
	return g.sentence()
}

func (g *garden) addDoc() {
	d := &gardenDoc{name: fmt.Sprintf("f%d/doc%d.md", g.next%2, g.next)}
	g.next++
	for range 2 + g.rng.IntN(4) {
		d.blocks = append(d.blocks, g.block())
	}
	g.docs = append(g.docs, d)
	g.write(d)
}

func (g *garden) write(d *gardenDoc) {
	path := filepath.Join(g.root, "content", d.name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		g.t.Fatal(err)
	}
	text := "# Page " + d.name + "\n\n" + strings.Join(d.blocks, "\n\n") + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		g.t.Fatal(err)
	}
}

// round makes a few random changes: to documents only, half the time, so
// the sync that follows is an incremental one; else translations too,
// made before the documents change, as happens when a translator works
// while the authors edit.
func (g *garden) round() {
	contentOnly := g.rng.IntN(2) == 0
	if !contentOnly {
		for range 1 + g.rng.IntN(3) {
			g.translate(g.docs[g.rng.IntN(len(g.docs))])
		}
	}
	for range 1 + g.rng.IntN(6) {
		op := g.rng.IntN(10)
		if contentOnly {
			op = g.rng.IntN(5)
		}
		d := g.docs[g.rng.IntN(len(g.docs))]
		switch op {
		case 0, 5, 6: // a word changed, added or removed
			if len(d.blocks) == 0 {
				continue
			}
			i := g.rng.IntN(len(d.blocks))
			w := strings.Split(d.blocks[i], " ")
			j := 1 + g.rng.IntN(max(1, len(w)-1))
			word := gardenWords[g.rng.IntN(len(gardenWords))]
			switch g.rng.IntN(3) {
			case 0:
				if j < len(w) {
					w[j] = word
				}
			case 1:
				w = slices.Insert(w, min(j, len(w)), word)
			default:
				if j < len(w)-1 {
					w = slices.Delete(w, j, j+1)
				}
			}
			d.blocks[i] = strings.Join(w, " ")
		case 1: // a paragraph inserted
			d.blocks = slices.Insert(d.blocks, g.rng.IntN(len(d.blocks)+1), g.block())
		case 2: // a paragraph deleted
			if len(d.blocks) > 0 {
				i := g.rng.IntN(len(d.blocks))
				d.blocks = slices.Delete(d.blocks, i, i+1)
			}
		case 3: // a paragraph moved
			if len(d.blocks) > 1 {
				i := g.rng.IntN(len(d.blocks))
				b := d.blocks[i]
				d.blocks = slices.Delete(d.blocks, i, i+1)
				d.blocks = slices.Insert(d.blocks, g.rng.IntN(len(d.blocks)+1), b)
			}
		case 4: // a paragraph comes back from another version
			d.blocks = append(d.blocks, g.block())
		case 7: // a translator at work, or tidying up
			if g.rng.IntN(3) > 0 {
				g.translate(d)
			} else {
				g.dropOrphans()
			}
			continue
		case 8: // a document added, or deleted
			if g.rng.IntN(2) == 0 || len(g.docs) < 3 {
				g.addDoc()
			} else {
				i := slices.Index(g.docs, d)
				g.docs = slices.Delete(g.docs, i, i+1)
				os.Remove(filepath.Join(g.root, "content", d.name))
			}
			continue
		case 9: // a document renamed
			os.Remove(filepath.Join(g.root, "content", d.name))
			d.name = fmt.Sprintf("f%d/doc%d.md", g.next%2, g.next)
			g.next++
		}
		g.write(d)
	}
}

// dropOrphans deletes the message files whose document is gone, as a
// translator may once their translations are reused: a sync can then be
// incremental again.
func (g *garden) dropOrphans() {
	keep := map[string]bool{}
	for _, d := range g.docs {
		stem := strings.TrimSuffix(d.name, ".md")
		keep[stem+".es-PE.toml"], keep[stem+".obsolete.es-PE.toml"] = true, true
	}
	dir := filepath.Join(g.root, "locales", "es-PE")
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if rel, _ := filepath.Rel(dir, path); err == nil && !d.IsDir() && !keep[filepath.ToSlash(rel)] {
			os.Remove(path)
		}
		return nil
	})
}

// translate works on a document's message file as a translator does, in
// the file as sync wrote it: some empty messages filled in, some
// translations reviewed, some fuzzy ones fixed.
func (g *garden) translate(d *gardenDoc) {
	path := filepath.Join(g.root, "locales", "es-PE", strings.TrimSuffix(d.name, ".md")+".es-PE.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		return // not synced yet
	}
	var out, en []string
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "#. en: "):
			en = []string{strings.TrimPrefix(line, "#. en: ")}
		case strings.HasPrefix(line, "#.     ") && en != nil:
			en = append(en, strings.TrimPrefix(line, "#.     "))
		case line == "":
			en = nil
		case line == `other = ""` && en != nil && g.rng.IntN(5) > 0:
			line = "other = " + catalog.Quote(pseudo.Translate(strings.Join(en, "\n")))
		case (line == "#, translated" || line == "#, fuzzy") && g.rng.IntN(3) == 0:
			line = "#, reviewed"
		case strings.HasPrefix(line, "# from translation memory") && g.rng.IntN(2) == 0:
			continue
		}
		out = append(out, line)
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		g.t.Fatal(err)
	}
}

// TestMemoryNotesFollowEdits: a translated paragraph whose English then
// changes is fuzzy, and translation memory offers it no more. The notes
// it gave another document go, whether the translation and the edit come
// to sync together (the second sync then changes nothing) or one after the
// other (the sync of the edit alone, incremental, rewrites the other
// document too).
func TestMemoryNotesFollowEdits(t *testing.T) {
	for _, together := range []bool{true, false} {
		t.Run(fmt.Sprintf("together=%v", together), func(t *testing.T) {
			root := t.TempDir()
			put := func(name, text string) {
				if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(root, "content", name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			put("a.md", "The river runs north past old stone walls.\n")
			put("b.md", "The river runs north past old stone walls today.\n")
			p, err := tree.Open(root)
			if err != nil {
				t.Fatal(err)
			}
			sync := func() *syncer.Result {
				t.Helper()
				res, err := syncer.Sync(p, syncer.Options{})
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			sync()
			translateInPlace(t, filepath.Join(root, "locales", "es-PE", "a.es-PE.toml"))
			if !together {
				sync()
				if b := readFile(t, root, "locales/es-PE/b.es-PE.toml"); !strings.Contains(b, "% (content/a.md): The river runs north") {
					t.Fatalf("b.md is not offered a.md's translation:\n%s", b)
				}
			}
			put("a.md", "The river runs far north past old stone walls.\n")
			sync()
			if b := readFile(t, root, "locales/es-PE/b.es-PE.toml"); strings.Contains(b, "#. tm") {
				t.Errorf("b.md is still offered the translation of a.md's old English:\n%s", b)
			}
			if res := sync(); len(res.Changed) > 0 {
				t.Errorf("a second sync rewrote %v", res.Changed)
			}
		})
	}
}

func readFile(t *testing.T, root, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
