// Package catalog reads and writes go-i18n message files (TOML) that
// translators edit by hand, keeping what they wrote: comments, field order
// and review states survive every rewrite.
package catalog

import (
	"crypto/sha1"
	"fmt"
	"strings"
)

// State is where a translation stands in review. It is written as a
// PO-style flag comment ("#, reviewed") so go-i18n, which rejects unknown
// keys in a message, still loads the file.
type State string

// States of a message.
const (
	Untranslated State = ""
	Translated   State = "translated"
	Reviewed     State = "reviewed"
	// Stale marks a translation whose English source changed since it was
	// translated ("fuzzy" in gettext terms): it waits for a translator.
	Stale State = "fuzzy"
	// Machine marks a machine draft (quipu mt): never published unless
	// asked, never counted as translated nor fed to translation memory
	// until a person marks it translated or reviewed.
	Machine State = "machine"
	// Aligned marks a translation found in an existing translated
	// document by `quipu align`: a draft until a person marks it
	// translated or reviewed, published only as a fuzzy one is.
	Aligned State = "aligned"
)

// flagRank decides a message's state when its flag line names several:
// the highest wins, so a draft or stale flag is never hidden by a
// "reviewed" beside it.
var flagRank = map[State]int{Translated: 1, Reviewed: 2, Machine: 3, Aligned: 3, Stale: 4}

// provenanceNotes are the "#." notes a draft state carries with it (where
// the draft came from). Unlike the tool's other notes they are not
// regenerated: sync keeps one while its message stays in that state.
var provenanceNotes = map[State]string{Machine: "machine: ", Aligned: "aligned: "}

// Draft reports whether a state is a draft no person has accepted yet.
func Draft(s State) bool { _, ok := provenanceNotes[s]; return ok }

// Message is one entry of a message file.
type Message struct {
	ID          string
	Description string
	Hash        string
	Other       string
	LeftDelim   string
	RightDelim  string
	State       State
	// Comments are the translator's own comment lines ("# …"), kept
	// verbatim, without the leading "#".
	Comments []string
	// Source is the English the file showed beside the message when it
	// was last written (its "#. en:" note).
	Source string
	// Previous is the English a stale translation was made from.
	Previous string
	// Provenance says where a draft came from ("apertium eng-spa"),
	// written as a "#. machine: …" note while the message is a draft.
	Provenance string
	// Order is the order of the keys as the file had them.
	Order []string

	// Notes are comments the tool writes for the translator ("#. …"):
	// the English source, the location, placeholders, glossary terms,
	// translation memory suggestions. They are regenerated on every write.
	Notes []string

	// Line and Col locate the message's table header; OtherLine and
	// OtherCol its "other" value (zero when the message has none).
	Line, Col           int
	OtherLine, OtherCol int

	written string // the ID as the file had it, qualified or not
}

// WrittenID is the message's ID as file f writes it: qualified by the
// file's document, else as it was read.
func (f *File) WrittenID(m *Message) string {
	if f.Doc == "" && m.written != "" {
		return m.written
	}
	return FileID(f.Doc, m.ID)
}

// Translated reports whether the message carries a usable translation.
//
// A translation of only whitespace is none: published, it would blank a
// heading or list item where the English has words, so build falls back
// along the chain and check counts it untranslated.
func (m *Message) Translated() bool { return strings.TrimSpace(m.Other) != "" }

// File is a message file: the messages of one document in one locale.
type File struct {
	Path   string
	Locale string
	// Doc is the document's key. Written files qualify every message ID
	// with it ("common/tar.find-files-3fa2c1"), so IDs are unique across
	// the project and one go-i18n Bundle can hold every file of a locale;
	// Messages hold the IDs unqualified, as segments have them. A file
	// read without it is written back with its IDs as they were.
	Doc string
	// Header is written as "#." lines at the top of the file.
	Header   []string
	Messages []*Message
}

// Lookup returns the message with the given ID, or nil.
func (f *File) Lookup(id string) *Message {
	for _, m := range f.Messages {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Index maps IDs to messages.
func (f *File) Index() map[string]*Message {
	idx := make(map[string]*Message, len(f.Messages))
	for _, m := range f.Messages {
		idx[m.ID] = m
	}
	return idx
}

// Hash computes a message's hash exactly as goi18n merge does (SHA-1 of the
// source message's description followed by its text), so files stay
// compatible with go-i18n's own tooling.
func Hash(description, other string) string {
	h := sha1.New()
	h.Write([]byte(description))
	h.Write([]byte(other))
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// FileID is a message's ID as written in the files of document doc: the
// segment ID qualified by the document's key, the two joined by a dot,
// which no segment ID contains.
func FileID(doc, id string) string {
	if doc == "" {
		return id
	}
	return doc + "." + id
}

// SplitID undoes FileID: the document's key ("" for an ID written before
// IDs were qualified) and the segment ID.
func SplitID(id string) (doc, local string) {
	i := strings.LastIndexByte(id, '.')
	if i < 0 {
		return "", id
	}
	return id[:i], id[i+1:]
}
