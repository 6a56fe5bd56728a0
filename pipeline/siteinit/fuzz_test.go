package siteinit

import "testing"

// FuzzJSTokens: the Docusaurus scanner never panics, and its tokens come
// in order, each where the source has it.
func FuzzJSTokens(f *testing.F) {
	for _, s := range []string{
		"module.exports = {i18n: {defaultLocale: 'en', locales: ['en', 'es']}};",
		"// i18n: {\n/* locales: [ */ const x = `a${b}c`;",
		"'unterminated", "/*", "`", "i18n:{locales:[\"a\\\"\"]}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		last := -1
		for _, tk := range jsTokens([]byte(src)) {
			if tk.off <= last || tk.off >= len(src) {
				t.Fatalf("token %q at %d after %d (len %d)", tk.text, tk.off, last, len(src))
			}
			if src[tk.off:tk.off+len(tk.text)] != tk.text {
				t.Fatalf("token %q is not the source at %d", tk.text, tk.off)
			}
			last = tk.off
		}
	})
}
