package project

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/bundle"
	"github.com/quipu-l10n/quipu/pipeline/format"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/output"
	"github.com/quipu-l10n/quipu/pipeline/textdoc"
)

// linesFormat is plain text under another name: a format the build knows
// only through its interfaces.
type linesFormat struct{ textdoc.Format }

func (linesFormat) Name() pipeline.Format { return "lines" }
func (linesFormat) Extensions() []string  { return []string{".lines"} }
func (f linesFormat) Extract(name string, src []byte) (*pipeline.Document, error) {
	d, err := f.Format.Extract(name, src)
	if d != nil {
		d.Format = "lines"
	}
	return d, err
}

// jsonOutput is an output quipu does not have: the Markdown as a string.
type jsonOutput struct{}

func (jsonOutput) Name() string { return "json" }
func (jsonOutput) Ext() string  { return ".json" }
func (jsonOutput) Kind() string { return bundle.KindAsset }
func (jsonOutput) Render(in output.Input) ([]byte, error) {
	return []byte(strconv.Quote(string(in.Markdown))), nil
}

// jsonMarkdown is Markdown built into one more output.
type jsonMarkdown struct{ markdown.Format }

func (jsonMarkdown) Outputs() []output.Output {
	return []output.Output{output.Markdown, output.Page, jsonOutput{}}
}

// openWith opens a project of the files given whose formats are fs.
func openWith(t *testing.T, files map[string]string, fs ...format.Format) *Project {
	t.Helper()
	root := t.TempDir()
	for rel, data := range files {
		name := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	var r format.Registry
	for _, f := range fs {
		r.Register(f)
	}
	p.Formats = &r
	if _, err := p.Sync(SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	return p
}

// A format registered under a new name marks its untranslated blocks with
// the source's language as its own kind does: the build asks the format,
// not its name.
func TestNewFormatMarksSourceLang(t *testing.T) {
	const text = "My Title\n\n> Quoted English line that is long enough to be a paragraph.\n\n    Indented English line that is long enough to be a paragraph.\n\nLast English paragraph that is long enough to be a paragraph.\n"
	langs := map[string][]string{}
	for _, ext := range []string{".txt", ".lines"} {
		p := openWith(t, map[string]string{"content/a" + ext: text}, textdoc.Format{}, linesFormat{})
		if _, err := p.Build(BuildOptions{}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(p.Abs("output/es-PE/a.html"))
		if err != nil {
			t.Fatal(err)
		}
		langs[ext] = regexp.MustCompile(`<(p|h1|blockquote)[^>]*lang="en"`).FindAllString(string(data), -1)
	}
	if len(langs[".txt"]) == 0 {
		t.Fatalf(".txt page marks no English block")
	}
	if strings.Join(langs[".txt"], "\n") != strings.Join(langs[".lines"], "\n") {
		t.Errorf("marks differ:\n.txt:   %q\n.lines: %q", langs[".txt"], langs[".lines"])
	}
}

// A document that becomes a draft loses every output its format builds,
// whichever they are.
func TestDraftRemovesEveryOutput(t *testing.T) {
	p := openWith(t, map[string]string{"content/a.md": "---\ntitle: T\n---\n# Hi\n\nHello.\n"}, jsonMarkdown{})
	if _, err := p.Build(BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	out := p.Abs("output/es-PE/a.json")
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("not built: %v", err)
	}
	if err := os.WriteFile(p.Abs("content/a.md"), []byte("---\ntitle: T\ndraft: true\n---\n# Hi\n\nHello.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".md", ".html", ".json"} {
		if _, err := os.Stat(p.Abs("output/es-PE/a" + ext)); err == nil {
			t.Errorf("a%s still published after the document became a draft", ext)
		}
	}
}

// A translated page of a plain-text document keeps its English heading
// anchors, as a Markdown document's does: the source's ids come from the
// Markdown its format writes, not from its bytes read as Markdown.
func TestTextPageKeepsSourceAnchors(t *testing.T) {
	p := openWith(t, map[string]string{"content/a.txt": "My Title\n\nHistory of the town\n\nA paragraph that is long enough to be a paragraph of text here.\n"}, textdoc.Format{})
	name := p.Abs("locales/es-PE/a.es-PE.toml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "en: History of the town")
	j := i + strings.Index(string(data[i:]), `other = ""`)
	data = append(append(data[:j:j], `other = "Historia del pueblo"`...), data[j+len(`other = ""`):]...)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Sync(SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(p.Abs("output/es-PE/a.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `id="history-of-the-town"`) {
		t.Errorf("no English anchor on the translated heading:\n%s", page)
	}
}
