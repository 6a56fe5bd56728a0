package xliff

import "testing"

// TestEscape protects the one XML escaper behind text, notes and
// attributes: what XML would normalize or cannot hold survives.
func TestEscape(t *testing.T) {
	for _, tt := range []struct {
		in, content, note, attr string
	}{
		{"a & b < c > d", "a &amp; b &lt; c &gt; d", "a &amp; b &lt; c &gt; d", `"a &amp; b &lt; c &gt; d"`},
		{"say \"hi\"\n\tnow\r", "say \"hi\"\n\tnow&#xD;", "say \"hi\"\n\tnow&#xD;", `"say &quot;hi&quot;&#xA;&#x9;now&#xD;"`},
		{"nul\x00bell\x07", `nul<cp hex="0000"/>bell<cp hex="0007"/>`, "nul\uFFFDbell\uFFFD", "\"nul\uFFFDbell\uFFFD\""},
	} {
		if got := content(tt.in); got != tt.content {
			t.Errorf("content(%q) = %q, want %q", tt.in, got, tt.content)
		}
		if got := noteText(tt.in); got != tt.note {
			t.Errorf("noteText(%q) = %q, want %q", tt.in, got, tt.note)
		}
		if got := attr(tt.in); got != tt.attr {
			t.Errorf("attr(%q) = %q, want %q", tt.in, got, tt.attr)
		}
	}
}
