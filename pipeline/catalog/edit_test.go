package catalog

import (
	"testing"
)

func TestSetMessageChangesOnlyItsValueAndFlag(t *testing.T) {
	const file = `#. header
# a translator's note

#. en: One
#, fuzzy
#| en: Old one
["d.one-1"]
description = "paragraph"   # kept
other = 'Uno viejo'

#. en: Two
["d.two-2"]
other = ""
`
	tests := []struct {
		name, id, other string
		state           State
		want            string
	}{
		{"fuzzy to reviewed", "d.one-1", "Uno", Reviewed, `#. header
# a translator's note

#. en: One
#, reviewed
#| en: Old one
["d.one-1"]
description = "paragraph"   # kept
other = "Uno"

#. en: Two
["d.two-2"]
other = ""
`},
		{"untranslated gains a flag", "d.two-2", "Dos \"2\"", Translated, `#. header
# a translator's note

#. en: One
#, fuzzy
#| en: Old one
["d.one-1"]
description = "paragraph"   # kept
other = 'Uno viejo'

#. en: Two
#, translated
["d.two-2"]
other = "Dos \"2\""
`},
		{"emptied loses its flag", "d.one-1", "", Untranslated, `#. header
# a translator's note

#. en: One
#| en: Old one
["d.one-1"]
description = "paragraph"   # kept
other = ""

#. en: Two
["d.two-2"]
other = ""
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SetMessage([]byte(file), tt.id, tt.other, tt.state)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			f, err := Parse("x.toml", got)
			if err != nil {
				t.Fatal(err)
			}
			m := f.Lookup(tt.id[2:])
			if m.Other != tt.other || m.State != tt.state {
				t.Errorf("read back %q %q", m.Other, m.State)
			}
		})
	}
	if _, err := SetMessage([]byte(file), "d.three", "x", Translated); err != ErrNoMessage {
		t.Errorf("unknown id: %v", err)
	}
}

func TestVersionFollowsTextAndState(t *testing.T) {
	a := Version(&Message{Other: "a", State: Translated})
	if a != Version(&Message{Other: "a", State: Translated, Comments: []string{"x"}}) {
		t.Error("a comment changed the version")
	}
	if a == Version(&Message{Other: "a", State: Reviewed}) || a == Version(&Message{Other: "b", State: Translated}) {
		t.Error("text or state did not change the version")
	}
}
