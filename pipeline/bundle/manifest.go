package bundle

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Generator is what every manifest quipu writes says in its "generator"
// field.
const Generator = "quipu"

// Bounds on a manifest, so that reading a crafted one cannot exhaust
// memory. A manifest quipu writes takes about 200 bytes a file: 32 MiB
// lists some 170,000 files, and decodes into about as many bytes of
// memory (a digest is kept as 32 bytes, not 64 hex digits).
const (
	MaxManifest = 32 << 20 // bytes of manifest.json
	MaxLocales  = 1000     // locales a manifest may list
	// maxValue is the longest string or number in a manifest: a JSON
	// decoder holds a whole value in memory before it can refuse it.
	maxValue = 64 << 10
)

// Digest is a SHA-256 sum, written as 64 hex digits.
type Digest [32]byte

func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// MarshalText writes the sum as hex.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads 64 hex digits.
func (d *Digest) UnmarshalText(text []byte) error {
	if len(text) != 2*len(d) {
		return fmt.Errorf("sha256 %.80q: want 64 hex digits", text)
	}
	if _, err := hex.Decode(d[:], text); err != nil {
		return fmt.Errorf("sha256 %q: %w", text, err)
	}
	return nil
}

// EncodeManifest writes the manifest as indented JSON with a final newline.
func EncodeManifest(m *Manifest) []byte {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // only plain strings and numbers: cannot fail
	}
	return append(data, '\n')
}

// DecodeManifest reads manifest.json from memory; see ReadManifest.
func DecodeManifest(data []byte) (*Manifest, error) {
	return ReadManifest(bytes.NewReader(data), int64(len(data)))
}

// minEntry is the fewest bytes of JSON a file entry can take: a path, a
// kind and a SHA-256 are required.
const minEntry = len(`{"path":"a","kind":"page","sha256":""}`) + 64

// ReadManifest reads manifest.json as it streams in, within MaxManifest
// bytes, rejecting unknown fields so a manifest from an incompatible
// version is not half understood, and any manifest quipu did not write.
// Each file entry is checked as it is decoded (a path, a kind quipu
// writes, a SHA-256), so memory grows with the bytes read, never faster.
// size, the manifest's length if known (else 0), sizes the list of files
// once: growing it step by step would cost several times its size.
func ReadManifest(r io.Reader, size int64) (*Manifest, error) {
	g := &valueGuard{r: io.LimitReader(r, MaxManifest+1)}
	dec := json.NewDecoder(g)
	dec.DisallowUnknownFields()
	var m Manifest
	if size > 0 && size <= MaxManifest {
		m.Files = make([]Entry, 0, size/int64(minEntry)+1)
	}
	err := decodeManifest(dec, &m)
	switch {
	case g.n > MaxManifest:
		return nil, fmt.Errorf("%s: more than %d bytes (the most a manifest may have)", ManifestName, MaxManifest)
	case g.err != nil:
		return nil, fmt.Errorf("%s: %w", ManifestName, g.err)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	case m.Generator != Generator:
		return nil, fmt.Errorf("%s: not written by quipu (generator %q, want %q)", ManifestName, m.Generator, Generator)
	}
	return &m, nil
}

func decodeManifest(dec *json.Decoder, m *Manifest) error {
	if err := delim(dec, '{'); err != nil {
		return err
	}
	fields := map[string]any{
		"generator":         &m.Generator,
		"quipu_version":     &m.Version,
		"commit":            &m.Commit,
		"source_date_epoch": &m.SourceDateEpoch,
		"base_url":          &m.BaseURL,
		"source_locale":     &m.SourceLocale,
		"shard":             &m.Shard,
	}
	seen := map[string]bool{}
	locales := map[string]string{} // interned: one string per locale
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if seen[key] {
			return fmt.Errorf("field %q twice", key)
		}
		seen[key] = true
		switch key {
		case "locales":
			err = array(dec, func() error {
				var s Stats
				if err := dec.Decode(&s); err != nil {
					return err
				}
				if len(m.Locales) == MaxLocales {
					return fmt.Errorf("more than %d locales", MaxLocales)
				}
				m.Locales = append(m.Locales, s)
				return nil
			})
		case "files":
			err = array(dec, func() error {
				var e Entry
				if err := dec.Decode(&e); err != nil {
					return err
				}
				if err := intern(&e, locales); err != nil {
					return err
				}
				m.Files = append(m.Files, e)
				return nil
			})
		default:
			dst, ok := fields[key]
			if !ok {
				return fmt.Errorf("unknown field %q", key)
			}
			err = dec.Decode(dst)
		}
		if err != nil {
			return err
		}
	}
	if err := delim(dec, '}'); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the manifest")
	}
	return nil
}

// intern checks a file entry and shares its locale and kind strings with
// the other entries: a crafted manifest cannot make an entry cost more
// memory than its own bytes.
func intern(e *Entry, locales map[string]string) error {
	if e.Path == "" {
		return errors.New("a file without a path")
	}
	switch e.Kind {
	case KindPage:
		e.Kind = KindPage
	case KindMarkdown:
		e.Kind = KindMarkdown
	case KindAsset:
		e.Kind = KindAsset
	case KindSitemap:
		e.Kind = KindSitemap
	default:
		return fmt.Errorf("%.200q: kind %.80q is not one quipu writes", e.Path, e.Kind)
	}
	if e.SHA256 == (Digest{}) {
		return fmt.Errorf("%.200q: no sha256", e.Path)
	}
	if e.Bytes < 0 {
		return fmt.Errorf("%.200q: %d bytes", e.Path, e.Bytes)
	}
	if e.Locale != "" {
		l, ok := locales[e.Locale]
		if !ok {
			if len(locales) == MaxLocales {
				return fmt.Errorf("more than %d locales", MaxLocales)
			}
			l = strings.Clone(e.Locale)
			locales[l] = l
		}
		e.Locale = l
	}
	return nil
}

// delim reads one JSON delimiter.
func delim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, found %v", want, t)
	}
	return nil
}

// array calls each for every element of a JSON array (or nothing for
// null), leaving the decoder after it.
func array(dec *json.Decoder, each func() error) error {
	t, err := dec.Token()
	if err != nil || t == nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("want an array, found %v", t)
	}
	for dec.More() {
		if err := each(); err != nil {
			return err
		}
	}
	return delim(dec, ']')
}

// valueGuard passes JSON through, counting its bytes, and fails at a
// string or number longer than maxValue.
type valueGuard struct {
	r        io.Reader
	n        int64
	str, esc bool
	run      int
	err      error
}

func (g *valueGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i, c := range p[:n] {
		switch {
		case g.str && g.esc:
			g.esc = false
			g.run++
		case g.str && c == '\\':
			g.esc = true
			g.run++
		case g.str && c == '"':
			g.str, g.run = false, 0
		case g.str:
			g.run++
		case c == '"':
			g.str, g.run = true, 0
		case strings.IndexByte("{}[],: \t\r\n", c) >= 0:
			g.run = 0
		default:
			g.run++
		}
		if g.run > maxValue {
			g.err = fmt.Errorf("a value longer than %d bytes at byte %d", maxValue, g.n+int64(i))
			return 0, g.err
		}
	}
	g.n += int64(n)
	return n, err
}
