package markdown_test

import (
	"github.com/quipu-l10n/quipu/pipeline"
	"github.com/quipu-l10n/quipu/pipeline/markdown"
	"github.com/quipu-l10n/quipu/pipeline/placeholder"
	"github.com/quipu-l10n/quipu/pipeline/qa"
)

// outcome is what quipu does with a translation.
type outcome string

const (
	// escaped: written with backslash escapes; the reader sees the
	// characters as typed.
	escaped outcome = "escaped"
	// kept: written as typed, because it is text already.
	kept outcome = "kept"
	// rejected: the segment keeps its English; build warns, --strict fails.
	rejected outcome = "rejected"
	// lost: used, but markup whose tag is misplaced is lost (it may show
	// as text); build warns, --strict fails.
	lost outcome = "markup lost"
	// dropped: used, without the markup of the tags it leaves out; only
	// check's tag-missing warns, as for an HTML document.
	dropped outcome = "markup dropped"
)

// attack is something a translator may write in a message. It is tried on
// every segment On selects: "" is every segment, a segment kind selects
// that kind, anything else the segment whose English starts with it.
type attack struct {
	Name string
	// Text is the translation; $SRC stands for the segment's own text,
	// with its tags.
	Text  string
	On    string
	Does  outcome
	Code  string // the problem code of a rejection
	Shows string // what the reader sees, when not Text less $SRC
	// Doc is the fixture tried, testdata/attack.md when "".
	Doc string
}

// siteDoc is the fixture of site syntax: a shortcode's argument, an
// admonition's title, an alert, an inline shortcode.
const siteDoc = "attack_site.md"

const (
	onLinkParagraph = "Cusco sits at"
	onTagParagraph  = "See the"
	onShortcut      = "<1/> tickets"
	onCheckbox      = "Check your"
	onTitle         = "Visiting Cusco"

	onCaption         = "A llama"
	onAdmonitionTitle = "Mind the"
	onAdmonitionBody  = "Drink water"
	onMkDocsTitle     = "Coca tea"
	onAlertBody       = "The bus"
	onInlineShortcode = "Read the <1>timetable"
	onRawBody         = "Bring a warm"
	onLead            = "A lead paragraph"
	onMkDocsBody      = "Drink it slowly"
	onButton          = "Read the <1>guide"
)

// attacks is the table docs/SECURITY.md shows (TestSecurityDoc keeps the
// two equal) and TestAttacks proves, row by row, on testdata/attack.md.
var attacks = []attack{
	// Raw HTML
	{Name: "script element", Text: "$SRC <script>alert(1)</script>", Does: escaped},
	{Name: "image with an event handler", Text: "$SRC <img src=x onerror=alert(1)>", Does: escaped},
	{Name: "iframe", Text: `<iframe src="//evil.example"></iframe> $SRC`, Does: escaped},
	{Name: "HTML comment", Text: "$SRC <!-- x -->", Does: escaped},
	{Name: "unclosed HTML comment at line start", Text: "<!-- $SRC", Does: escaped},
	{Name: "closing tags", Text: "$SRC</p><p>new", Does: escaped},
	{Name: "closing list item", Text: "</li><li>$SRC", On: string(pipeline.KindListItem), Does: escaped},
	{Name: "HTML block start on its own line", Text: "$SRC\n<div>", Does: escaped},
	{Name: "HTML block start first", Text: "<div>\n$SRC", Does: escaped},
	{Name: "entities of a script element", Text: "&lt;script&gt;alert(1)&lt;/script&gt; $SRC", Does: kept, Shows: "<script>alert(1)</script>"},
	{Name: "numeric entities", Text: "&#60;b&#62;bold&#60;/b&#62; $SRC", Does: kept, Shows: "<b>bold</b>"},

	// Inline Markdown
	{Name: "strong emphasis", Text: "$SRC **bold**", Does: escaped},
	{Name: "emphasis with underscores", Text: "$SRC _x_", Does: escaped},
	{Name: "strikethrough", Text: "$SRC ~~gone~~", Does: escaped},
	{Name: "inline link to javascript:", Text: "$SRC [x](javascript:alert(1))", Does: escaped},
	{Name: "image from a data: URL", Text: "$SRC ![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", Does: escaped},
	{Name: "autolink to javascript:", Text: "$SRC <javascript:alert(1)>", Does: escaped},
	{Name: "autolink to a site", Text: "$SRC <http://evil.example>", Does: rejected, Code: qa.CodeURLAdded},
	{Name: "autolink to an e-mail address", Text: "$SRC <mail@evil.example>", Does: rejected, Code: qa.CodeURLAdded},
	{Name: "bare URL, a link for GFM and Hugo", Text: "$SRC https://evil.example/x", Does: rejected, Code: qa.CodeURLAdded},
	{Name: "bare www. address", Text: "$SRC www.evil.example", Does: rejected, Code: qa.CodeURLAdded},
	{Name: "bare e-mail address", Text: "$SRC mail@evil.example", Does: rejected, Code: qa.CodeURLAdded},
	{Name: "reference link to the document's definition", Text: "$SRC [x][ref]", Does: escaped},
	{Name: "shortcut reference link", Text: "$SRC [machu picchu]", Does: escaped},
	{Name: "footnote reference", Text: "$SRC[^1]", Does: escaped},
	{Name: "backtick runs", Text: "$SRC ``` `` x `` ```", Does: escaped},
	{Name: "code span", Text: "$SRC `rm -rf /`", Does: escaped},
	{Name: "heading attributes", Text: `$SRC {style="position:fixed;inset:0" .overlay}`, Does: escaped},
	{Name: "heading id", Text: "$SRC {#before}", On: onTitle, Does: escaped},
	{Name: "closing hashes of a heading", Text: "$SRC ##", Does: escaped},
	{Name: "the translator's own backslash escapes", Text: `$SRC \*not emphasis\*`, Does: kept, Shows: "*not emphasis*"},
	{Name: "trailing backslash", Text: `$SRC\`, Does: kept},
	{Name: "backslash before a line break", Text: "$SRC\\\nnext", Does: escaped, Shows: `\ next`},

	// Blocks
	{Name: "ATX heading", Text: "# $SRC", Does: escaped},
	{Name: "bullet list item", Text: "- $SRC", Does: escaped},
	{Name: "plus list item", Text: "+ $SRC", Does: escaped},
	{Name: "star list item", Text: "* $SRC", Does: escaped},
	{Name: "ordered list item", Text: "1. $SRC", Does: escaped},
	{Name: "ordered list item with a parenthesis", Text: "7) $SRC", Does: escaped},
	{Name: "blockquote", Text: "> $SRC", Does: escaped},
	{Name: "setext underline on a second line", Text: "$SRC\n===", Does: escaped},
	{Name: "thematic break on a second line", Text: "$SRC\n---", Does: escaped},
	{Name: "line break then a heading", Text: "$SRC\n# x", Does: escaped},
	{Name: "hard break then a list item", Text: "$SRC  \n- x", Does: escaped},
	{Name: "carriage return then a heading", Text: "$SRC\r# x", Does: escaped},
	{Name: "blank line", Text: "$SRC\n\nA new paragraph.", Does: escaped},
	{Name: "4-space indented line", Text: "$SRC\n    indented code", On: string(pipeline.KindParagraph), Does: kept},
	{Name: "4-space indent first", Text: "    $SRC", Does: escaped},
	{Name: "fenced code block", Text: "$SRC\n```\nrm -rf /\n```", Does: escaped},
	{Name: "tilde fence", Text: "$SRC\n~~~\nx\n~~~", Does: escaped},
	{Name: "table rows", Text: "$SRC\n| a | b |\n| --- | --- |", Does: escaped},
	{Name: "table delimiter row without pipes", Text: "$SRC\n:-:", Does: escaped},
	{Name: "pipe in a table cell", Text: "$SRC | extra cell", On: string(pipeline.KindTableCell), Does: escaped},
	{Name: "footnote definition", Text: "[^1]: $SRC", Does: escaped},
	{Name: "footnote definition on a second line, hidden from the page", Text: "$SRC\n[^9]: ESTE TEXTO DESAPARECE", Does: escaped},
	{Name: "link reference definition on a second line", Text: "$SRC\n[x]: /oculto \"ESTE TEXTO DESAPARECE\"", Does: escaped},
	{Name: "definition list (Hugo)", Text: "$SRC\n: una definición", Does: escaped},
	{Name: "footnote text that is a link destination without footnotes", Text: "javascript:alert(1)\n$SRC", Does: escaped},
	{Name: "link reference definition", Text: "[ref]: javascript:alert(1)\n$SRC", Does: escaped},
	{Name: "task checkbox", Text: "[ ] $SRC", On: string(pipeline.KindListItem), Does: escaped},
	{Name: "checked task checkbox", Text: "[x] $SRC", On: string(pipeline.KindListItem), Does: escaped},
	{Name: "NUL byte", Text: "$SRC \x00", Does: rejected, Code: qa.CodeControl},
	{Name: "bell character", Text: "$SRC \a", Does: rejected, Code: qa.CodeControl},
	{Name: "C1 control character", Text: "$SRC \u0085", Does: rejected, Code: qa.CodeControl},
	{Name: "right-to-left override", Text: "$SRC \u202egnp.exe", Does: kept},
	{Name: "right-to-left override as a character reference", Text: "$SRC &#x202E;gnp.exe&#x202C;", Does: rejected, Code: qa.CodeBidi},
	{Name: "right-to-left mark by name", Text: "$SRC &rlm;gnp.exe", Does: rejected, Code: qa.CodeBidi},
	{Name: "bell as a character reference", Text: "$SRC &#7;", Does: rejected, Code: qa.CodeControl},
	{Name: "C1 control as a character reference", Text: "$SRC &#133;", Does: rejected, Code: qa.CodeControl},
	{Name: "bell as a reference without its semicolon, decoded in the description", Text: "$SRC &#x7 x", Does: rejected, Code: qa.CodeControl},
	{Name: "zero-width space as a character reference", Text: "$SRC ar&#x200B;chivo", Does: kept, Shows: "ar\u200bchivo"},

	// Site generators' syntax
	{Name: "Hugo shortcode", Text: "$SRC {{< evil >}}", Does: escaped},
	{Name: "Hugo shortcode whose inner text is Markdown", Text: "$SRC {{% evil %}}", Does: escaped},
	{Name: "closing shortcode on its own line", Text: "$SRC\n{{< /notice >}}", Does: escaped},
	{Name: "commented-out shortcode", Text: "$SRC {{</* evil */>}}", Does: escaped},
	{Name: "Docusaurus admonition fence", Text: "$SRC\n:::danger Cuidado", Does: escaped},
	{Name: "closing Docusaurus admonition fence", Text: "$SRC\n:::", Does: escaped},
	{Name: "MkDocs admonition", Text: "$SRC\n!!! danger \"x\"", Does: escaped},
	{Name: "collapsible MkDocs admonition", Text: "???+ note\n$SRC", Does: escaped},
	{Name: "GitHub alert", Text: "> [!WARNING]\n> $SRC", Does: escaped},
	{Name: "attribute list", Text: `$SRC{: onclick="alert(1)" }`, Does: escaped},
	{Name: "MDX expression, JavaScript Docusaurus runs", Text: "$SRC {alert(1)}", Does: escaped},
	{Name: "MDX import first in a paragraph", Text: "import Evil from \"./evil.js\"\n$SRC", On: onLinkParagraph, Does: rejected, Code: markdown.CodeMarkupAdded},
	{Name: "quote in a shortcode argument", Text: `$SRC" onclick="alert(1)`, On: onCaption, Doc: siteDoc, Does: escaped, Shows: `onclick=`},
	{Name: "shortcode end in a shortcode argument", Text: "$SRC >}} {{< evil", On: onCaption, Doc: siteDoc, Does: kept},
	{Name: "line break in a shortcode argument", Text: "$SRC\n{{< evil >}}", On: onCaption, Doc: siteDoc, Does: rejected, Code: markdown.CodeShortcodeArgument},
	{Name: "backslash escaping a shortcode argument's closing quote", Text: `$SRC\`, On: onCaption, Doc: siteDoc, Does: rejected, Code: markdown.CodeShortcodeArgument},
	{Name: "closing fence in an admonition title", Text: "$SRC\n:::", On: onAdmonitionTitle, Doc: siteDoc, Does: escaped, Shows: "Mind the altitude :::"},
	{Name: "trailing spaces in an admonition title, a hard break without admonitions", Text: "$SRC  ", On: onAdmonitionTitle, Doc: siteDoc, Does: escaped},
	{Name: "line break first in an admonition's body, a new paragraph without admonitions", Text: "\n$SRC", On: onAdmonitionBody, Doc: siteDoc, Does: escaped},
	{Name: "quote in an MkDocs admonition title", Text: `$SRC" onclick="alert(1)`, On: onMkDocsTitle, Doc: siteDoc, Does: kept},
	{Name: "alert marker in an alert's body", Text: "[!CAUTION]\n$SRC", On: onAlertBody, Doc: siteDoc, Does: escaped},
	{Name: "inline shortcode closed before it opens", Text: "Lea el </1>horario<1> primero.", On: onInlineShortcode, Doc: siteDoc, Does: rejected, Code: "tag-unbalanced"},
	{Name: "script element in a {{< >}} body, which Hugo prints as it is", Text: "$SRC <script>alert(1)</script>", On: onRawBody, Doc: siteDoc, Does: rejected, Code: markdown.CodeShortcodeHTML},
	{Name: "image with an event handler in a {{< >}} body", Text: "<img src=x onerror=alert(1)> $SRC", On: onRawBody, Doc: siteDoc, Does: rejected, Code: markdown.CodeShortcodeHTML},
	{Name: "HTML comment in a {{< >}} body", Text: "$SRC <!-- x", On: onRawBody, Doc: siteDoc, Does: rejected, Code: markdown.CodeShortcodeHTML},
	{Name: "HTML inside an inline {{< >}} shortcode", Text: "Lea el <1><b onclick=alert(1)>horario</b></1> primero.", On: onInlineShortcode, Doc: siteDoc, Does: rejected, Code: markdown.CodeShortcodeHTML},
	{Name: "emphasis in a {{< >}} body, written as character references", Text: "$SRC **x**", On: onRawBody, Doc: siteDoc, Does: escaped, Shows: "**x**"},
	{Name: "less-than sign in a {{< >}} body", Text: "$SRC 2 < 3", On: onRawBody, Doc: siteDoc, Does: kept},
	{Name: "attribute list moved first, where Hugo drops the paragraph", Text: "<1/> Un párrafo destacado.", On: onLead, Doc: siteDoc, Does: rejected, Code: markdown.CodeAttributesMoved},
	{Name: "attribute list moved off its own line", Text: "Un párrafo destacado. <1/>", On: onLead, Doc: siteDoc, Does: rejected, Code: markdown.CodeAttributesMoved},
	{Name: "attribute list kept on its own line", Text: "Un párrafo destacado.\n<1/>", On: onLead, Doc: siteDoc, Does: kept},
	{Name: "attribute list moved away from its link", Text: "Lea la <1>guía</1> antes de ir.<2/>", On: onButton, Doc: siteDoc, Does: rejected, Code: markdown.CodeAttributesMoved},
	{Name: "attribute list kept after its link", Text: "Lea la <1>guía</1><2/> antes de ir.", On: onButton, Doc: siteDoc, Does: kept, Shows: "Lea la guía{ .md-button } antes de ir."},
	{Name: "line break in an MkDocs admonition's body", Text: "Una línea\nen dos.", On: onMkDocsBody, Doc: siteDoc, Does: kept},
	{Name: "MkDocs admonition after a line break in an admonition's body", Text: "$SRC\n!!! danger \"x\"\n    oops", On: onMkDocsBody, Doc: siteDoc, Does: escaped, Shows: `!!! danger "x" oops`},
	{Name: "inline shortcode dropped", Text: "Lea el horario primero.", On: onInlineShortcode, Doc: siteDoc, Does: rejected, Code: placeholder.CodeMissingContent},

	// Tags
	{Name: "paired tag used twice", Text: "Lea la <1>guía</1> y <1>otra</1>; vaya <2>despacio</2>; use <3/>.", On: onLinkParagraph, Does: rejected, Code: "tag-duplicate"},
	{Name: "standalone tag used twice", Text: "Lea la <1>guía</1>; vaya <2>despacio</2>; use <3/> y <3/>.", On: onLinkParagraph, Does: rejected, Code: "tag-duplicate"},
	{Name: "unknown tag", Text: "Lea la <1>guía</1>; vaya <2>despacio</2>; use <3/><9/>.", On: onLinkParagraph, Does: rejected, Code: "tag-unknown"},
	{Name: "unbalanced tag", Text: "Lea la <1>guía; vaya <2>despacio</2>; use <3/>.", On: onLinkParagraph, Does: rejected, Code: "tag-unbalanced"},
	{Name: "crossing tags", Text: "Lea la <1>guía <2>despacio</1></2>; use <3/>.", On: onLinkParagraph, Does: rejected, Code: "tag-unbalanced"},
	{Name: "standalone tag written as a pair", Text: "Lea la <1>guía</1>; vaya <2>despacio</2>; use <3>x</3>.", On: onLinkParagraph, Does: rejected, Code: "tag-kind"},
	{Name: "tag look-alikes", Text: "$SRC <1 /> < 1> <1/ >", Does: kept},
	{Name: "link tag dropped", Text: "Lea la guía; vaya <2>despacio</2>; use <3/>.", On: onLinkParagraph, Does: rejected, Code: placeholder.CodeMissingContent},
	{Name: "code tag dropped", Text: "Lea la <1>guía</1>; vaya <2>despacio</2>; use el comando.", On: onLinkParagraph, Does: rejected, Code: placeholder.CodeMissingContent},
	{Name: "emphasis tag dropped", Text: "Lea la <1>guía</1>; vaya despacio; use <3/>.", On: onLinkParagraph, Does: dropped},
	{Name: "emphasis tags around spaces only", Text: "Lea la <1>guía</1>; vaya<2> </2>despacio; use <3/>.", On: onLinkParagraph, Does: lost},
	{Name: "emphasis tag doubled into strong", Text: "Lea la <1>guía</1>; vaya *<2>despacio</2>*; use <3/>.", On: onLinkParagraph, Does: escaped, Shows: "*despacio*"},
	{Name: "\"!\" before a link's tag", Text: "Lea la !<1>guía</1>; vaya <2>despacio</2>; use <3/>.", On: onLinkParagraph, Does: escaped, Shows: "!guía"},
	{Name: "link text closing the link early", Text: "Lea la <1>guía](javascript:alert(1)) [x</1>; vaya <2>despacio</2>; use <3/>.", On: onLinkParagraph, Does: escaped, Shows: "guía](javascript:alert(1)) [x"},
	{Name: "quotes in an image's alt text", Text: `Vea el <1>mapa</1>, la página <2/> y <3>" onerror="alert(1)</3> para más.<4/> Llame al <5/>+51 84 000000<6/><7/>cualquier día.`, On: onTagParagraph, Does: kept, Shows: `" onerror="alert(1)`},
	{Name: "destination after a [ref] tag", Text: "<1/>(javascript:alert(1)) se agotan.", On: onShortcut, Does: escaped, Shows: "(javascript:alert(1))"},
	{Name: "definition after a [ref] tag", Text: "<1/>: javascript:alert(1)\nse agotan.", On: onShortcut, Does: escaped, Shows: ": javascript:alert(1)"},
	{Name: "destination after a checkbox", Text: "(javascript:alert(1)) Revise su pasaporte.", On: onCheckbox, Does: kept, Shows: "(javascript:alert(1))"},
	{Name: "destination after a footnote tag", Text: "Vea el <1>mapa</1>, la página <2/> y <3>la plaza</3>.<4/>(javascript:alert(1)) Llame al <5/>+51 84 000000<6/><7/>cualquier día.", On: onTagParagraph, Does: escaped, Shows: "(javascript:alert(1))"},
	{Name: "inline HTML tag moved to the start of the paragraph, then a line break", Text: "<5/>\n<script>alert(1)</script> Vea el <1>mapa</1>, la página <2/> y <3>la plaza</3>.<4/> +51 84 000000<6/><7/>cualquier día.", On: onTagParagraph, Does: rejected, Code: markdown.CodeMarkupAdded},
}

// shows returns what a reader must see of the attack on seg.
func (a attack) shows(seg *pipeline.Segment) string {
	if a.Shows != "" {
		return a.Shows
	}
	return placeholder.Strip(replaceSRC(a.Text, ""))
}

func (a attack) translation(seg *pipeline.Segment) string { return replaceSRC(a.Text, seg.Text) }

func (a attack) applies(seg *pipeline.Segment) bool {
	switch {
	case a.On == "":
		return true
	case a.On == string(seg.Kind):
		return true
	}
	return len(seg.Text) >= len(a.On) && seg.Text[:len(a.On)] == a.On
}
