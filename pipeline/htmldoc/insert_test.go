package htmldoc

import "testing"

// TestInsertPlacesHeadAndBodyMarkup: head markup goes at the end of the
// head, body markup at the start of the body, whatever tags the document
// omits; tags in comments and scripts are not the document's.
func TestInsertPlacesHeadAndBodyMarkup(t *testing.T) {
	const H, B = "[H]", "[B]"
	tests := []struct{ name, src, want string }{
		{"full", "<!doctype html>\n<html>\n<head>\n<title>T</title>\n</head>\n<body class=x>\n<p>Hi</p>\n</body>\n</html>\n",
			"<!doctype html>\n<html>\n<head>\n<title>T</title>\n[H]</head>\n<body class=x>[B]\n<p>Hi</p>\n</body>\n</html>\n"},
		{"upper case", "<HTML><HEAD><TITLE>T</TITLE></HEAD><BODY><P>Hi</BODY></HTML>",
			"<HTML><HEAD><TITLE>T</TITLE>[H]</HEAD><BODY>[B]<P>Hi</BODY></HTML>"},
		{"no </head>", "<html><head><title>T</title><body><p>Hi",
			"<html><head>[H]<title>T</title><body>[B]<p>Hi"},
		{"no head", "<!DOCTYPE html><html><body><p>Hi</p></body></html>",
			"<!DOCTYPE html><html>[H]<body>[B]<p>Hi</p></body></html>"},
		{"no body tag", "<html><head><title>T</title></head><p>Hi</p></html>",
			"<html><head><title>T</title>[H]</head>[B]<p>Hi</p></html>"},
		// A fragment gets both: the switcher after the head markup, then
		// the document.
		{"fragment", "<p>Hi</p>", "[H][B]<p>Hi</p>"},
		{"fragment after a doctype", "<!doctype html>\n<p>Hi</p>", "<!doctype html>[H][B]\n<p>Hi</p>"},
		{"html without head or body", "<html><p>Hi</p></html>", "<html>[H][B]<p>Hi</p></html>"},
		{"head never closed, no body", "<html><head><title>T</title><p>Hi", "<html><head>[H]<title>T</title><p>Hi"},
		{"tags in comments and scripts", "<html><head><!-- </head><body> --><script>if (a</head>) {}</script></head><body><p>x</p>",
			"<html><head><!-- </head><body> --><script>if (a</head>) {}</script>[H]</head><body>[B]<p>x</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Insert([]byte(tt.src), []byte(H), []byte(B))); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	src := []byte("<p>unchanged</p>")
	if got := Insert(src, nil, nil); string(got) != string(src) {
		t.Errorf("nothing to insert changed the document: %q", got)
	}
	if got := string(Insert([]byte("<html><head></head><body>x"), []byte(H), nil)); got != "<html><head>[H]</head><body>x" {
		t.Errorf("head only: %q", got)
	}
}

// TestHasAlternates: a document that links its other languages itself.
func TestHasAlternates(t *testing.T) {
	for src, want := range map[string]bool{
		`<head><link rel="alternate" hreflang="es" href="/es/"></head>`:        true,
		`<head><link rel="Alternate stylesheet" hreflang=es href=/es/></head>`: true,
		`<head><link rel="alternate" type="application/rss+xml" href=/feed>`:   false,
		`<head><link rel="stylesheet" href="a.css"></head>`:                    false,
		`<!-- <link rel="alternate" hreflang="es" href="/es/"> -->`:            false,
	} {
		if got := HasAlternates([]byte(src)); got != want {
			t.Errorf("HasAlternates(%q) = %v, want %v", src, got, want)
		}
	}
}
