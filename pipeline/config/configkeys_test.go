package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestEveryConfigKeyHasItsMessage walks every field of Config, so that a
// key added to quipu.toml cannot miss the schema: each is a key the file
// takes, says what it wants, and a value of the wrong type is reported in
// the editor's words ("html_switcher: want true or false, not text in
// quotes"), never Go's ("cannot decode TOML string into struct field
// config.Config.HTMLSwitcher of type bool").
func TestEveryConfigKeyHasItsMessage(t *testing.T) {
	typ := reflect.TypeOf(Config{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue // quipu's own, never a key
		}
		key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if key == "" || key == "-" {
			t.Errorf("Config.%s has no toml key", f.Name)
			continue
		}
		t.Run(key, func(t *testing.T) {
			if !slices.Contains(configKeys, key) {
				t.Errorf("%s is not in configKeys", key)
			}
			if _, ok := configWants(key); !ok {
				t.Errorf("configWants says nothing of %s", key)
			}
			// A value of a type the field never takes.
			wrong := `"text"`
			if f.Type.Kind() == reflect.String {
				wrong = "1"
			}
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, File), []byte(key+" = "+wrong+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(root)
			if err == nil {
				t.Fatalf("%s = %s: no error", key, wrong)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "quipu.toml:1:") || !strings.Contains(msg, key+": want ") || strings.Contains(msg, "cannot decode") || strings.Contains(msg, "Config") {
				t.Errorf("%s = %s: %s", key, wrong, msg)
			}
		})
	}
}
