package mt_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/mt"
)

// TestMain lets the test binary play a translation program of the line
// protocol: QUIPU_FAKE_MT names its behaviour.
func TestMain(m *testing.M) {
	switch os.Getenv("QUIPU_FAKE_MT") {
	case "":
		os.Exit(m.Run())
	case "upper": // translates by upper-casing the text, keeping tags
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			fmt.Println(upperText(sc.Text()))
		}
	case "lose-tag": // drops every closing tag
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			fmt.Println(strings.ReplaceAll(sc.Text(), "</x1>", ""))
		}
	case "short": // reads one line, answers it, and leaves
		sc := bufio.NewScanner(os.Stdin)
		sc.Scan()
		fmt.Println(sc.Text())
	case "die":
		fmt.Fprintln(os.Stderr, "model not found")
		os.Exit(3)
	case "hang":
		time.Sleep(time.Minute)
	case "flood": // answers without end
		line := []byte(strings.Repeat("A", 1<<16))
		for {
			if _, err := os.Stdout.Write(line); err != nil {
				os.Exit(1)
			}
		}
	case "hang-child": // starts a child that outlives it, and hangs
		child := exec.Command("sleep", "1000")
		if err := child.Start(); err != nil {
			os.Exit(4)
		}
		os.WriteFile(os.Getenv("QUIPU_FAKE_PID"), []byte(fmt.Sprint(child.Process.Pid)), 0o600)
		time.Sleep(time.Minute)
	case "bell": // answers with a control character as a reference
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			fmt.Println(sc.Text() + "&#x7;")
		}
	case "script": // answers with markup of its own
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			fmt.Println(sc.Text() + "<script>alert(1)</script>")
		}
	}
	os.Exit(0)
}

// upperText upper-cases a protected segment's text, not its tags nor
// the protocol's escapes.
func upperText(s string) string {
	var b strings.Builder
	inTag, escaped := false, false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case !inTag:
			r = []rune(strings.ToUpper(string(r)))[0]
		}
		b.WriteRune(r)
	}
	return b.String()
}

func fake(t *testing.T, behaviour string) *mt.Command {
	t.Helper()
	t.Setenv("QUIPU_FAKE_MT", behaviour)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return &mt.Command{Args: []string{exe}, Timeout: 5 * time.Second}
}

var segs = []*pipeline.Segment{
	{ID: "a", Text: "Read the <1>guide</1> & run <2/>.", Placeholders: []pipeline.Placeholder{
		{Kind: pipeline.Paired, Open: "[", Close: "](https://example.com)", Label: "link", Content: true},
		{Kind: pipeline.Standalone, Open: "`ls`", Label: "code", Content: true},
	}},
	{ID: "b", Text: "Two lines,\nback\\slash and a < sign."},
}

func TestProtectRestoreRoundTrip(t *testing.T) {
	for _, s := range []string{segs[0].Text, segs[1].Text, "x <1>a</1><2/>&amp; <b>", "<12/> 3 < 4 > 2"} {
		p := mt.Protect(s)
		if strings.Contains(p, "<1>") || strings.Contains(p, "<b>") {
			t.Errorf("Protect(%q) = %q: a tag or markup not protected", s, p)
		}
		if got := mt.Restore(p); got != s {
			t.Errorf("Restore(Protect(%q)) = %q", s, got)
		}
	}
	if got := mt.Restore(`Lea la < x1 >guía</x1 > y <x2 />`); got != "Lea la <1>guía</1> y <2/>" {
		t.Errorf("tags respaced by an engine: %q", got)
	}
}

func TestLineProtocolEscapes(t *testing.T) {
	for _, s := range []string{"a\nb", `back\slash`, "cr\r\n", `\n literal`, ""} {
		line := mt.EscapeLine(s)
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("EscapeLine(%q) = %q: not one line", s, line)
		}
		if got := mt.UnescapeLine(line); got != s {
			t.Errorf("round trip of %q: %q", s, got)
		}
	}
}

// TestCommandEngine: the command engine runs a program of the line
// protocol; tags and line breaks come back in place.
func TestCommandEngine(t *testing.T) {
	drafts, err := mt.Translate(context.Background(), fake(t, "upper"), segs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"READ THE <1>GUIDE</1> & RUN <2/>.", "TWO LINES,\nBACK\\SLASH AND A < SIGN."}
	for i, d := range drafts {
		if d.Dropped != "" || d.Text != want[i] {
			t.Errorf("draft %d: %q (dropped: %q), want %q", i, d.Text, d.Dropped, want[i])
		}
	}
}

// TestDamagedTagsDropTheDraft: a draft whose tags come back damaged is
// dropped with the reason, and the others are kept.
func TestDamagedTagsDropTheDraft(t *testing.T) {
	drafts, err := mt.Translate(context.Background(), fake(t, "lose-tag"), segs, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(drafts[0].Dropped, "tags damaged") {
		t.Errorf("draft with a lost tag kept: %q (%q)", drafts[0].Text, drafts[0].Dropped)
	}
	if drafts[1].Dropped != "" {
		t.Errorf("draft without tags dropped: %q", drafts[1].Dropped)
	}
}

// TestCommandEngineFailures: a program that dies, hangs or answers with
// the wrong number of lines is an error that says which.
func TestCommandEngineFailures(t *testing.T) {
	for _, tc := range []struct{ behaviour, want string }{
		{"die", "exit status 3: model not found"},
		{"short", "returned 1 lines for 2 segments"},
		{"hang", "no answer within 300ms"},
	} {
		t.Run(tc.behaviour, func(t *testing.T) {
			e := fake(t, tc.behaviour)
			e.Timeout = 300 * time.Millisecond
			start := time.Now()
			_, err := mt.Translate(context.Background(), e, segs, 0, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
			if time.Since(start) > 4*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
		})
	}
}

// TestCommandLeavingInputUnread: a program that stops reading a long
// input and exits 0 is judged by what it answered, not reported as a
// broken pipe (os/exec ignores the pipe's error once it exits 0).
func TestCommandLeavingInputUnread(t *testing.T) {
	long := make([]*pipeline.Segment, 5000)
	for i := range long {
		long[i] = &pipeline.Segment{ID: fmt.Sprint(i), Text: strings.Repeat("word ", 40)}
	}
	_, err := mt.Translate(context.Background(), fake(t, "short"), long, 0, nil)
	if err == nil || !strings.Contains(err.Error(), "returned 1 lines for 5000 segments") {
		t.Errorf("err = %v", err)
	}
}

func TestNewCommandQuotes(t *testing.T) {
	c, err := mt.NewCommand(`my-mt --to 'es PE' "x y"`)
	if err != nil || strings.Join(c.Args, "|") != "my-mt|--to|es PE|x y" {
		t.Errorf("%v %v", c, err)
	}
	if _, err := mt.NewCommand("  "); err == nil {
		t.Error("empty command accepted")
	}
}

// TestPostEditRuns: the post-editing function sees every kept draft, and
// can drop one.
func TestPostEditRuns(t *testing.T) {
	post := func(src, draft string) (string, []string, string) {
		if strings.Contains(draft, "TWO") {
			return draft, nil, "no"
		}
		return draft + "!", []string{"bang"}, ""
	}
	drafts, err := mt.Translate(context.Background(), fake(t, "upper"), segs, 1, post)
	if err != nil {
		t.Fatal(err)
	}
	if drafts[0].Text != "READ THE <1>GUIDE</1> & RUN <2/>.!" || drafts[0].Fixed[0] != "bang" || drafts[1].Dropped != "no" {
		t.Errorf("%+v", drafts)
	}
}

// TestApertium runs the real engine where it is installed.
func TestApertium(t *testing.T) {
	if !mt.Installed() {
		t.Skip("apertium is not installed (Debian: apt install apertium-eng-spa); skipping the real engine")
	}
	a, err := mt.NewApertium("en", "es-PE")
	if err != nil {
		t.Fatal(err)
	}
	if a.Name() != "apertium eng-spa" {
		t.Errorf("Name = %q", a.Name())
	}
	in := []*pipeline.Segment{
		{ID: "a", Text: "The <1>red</1> car is here & <2/> works.", Placeholders: []pipeline.Placeholder{
			{Kind: pipeline.Paired, Open: "*", Close: "*", Label: "emphasis"},
			{Kind: pipeline.Standalone, Open: "`ls`", Label: "code", Content: true},
		}},
		{ID: "b", Text: "Your house"},
		{ID: "c", Text: "Two lines\nof text"},
	}
	drafts, err := mt.Translate(context.Background(), a, in, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drafts {
		t.Logf("%q → %q %s", d.Segment.Text, d.Text, d.Dropped)
		if d.Dropped != "" {
			t.Errorf("dropped: %s", d.Dropped)
		}
	}
	if !strings.Contains(drafts[0].Text, "<1>") || !strings.Contains(drafts[0].Text, "<2/>") || !strings.Contains(drafts[0].Text, "&") {
		t.Errorf("tags or text lost: %q", drafts[0].Text)
	}
	if drafts[1].Text != "Vuestra casa" {
		t.Errorf("b: %q", drafts[1].Text)
	}
	if strings.Count(drafts[2].Text, "\n") != 1 {
		t.Errorf("line break lost: %q", drafts[2].Text)
	}
}
