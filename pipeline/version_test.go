package pipeline

import (
	"runtime/debug"
	"testing"
)

// TestDescribeBuildNamesTheCommit protects `quipu --version`: the version
// and the commit the binary was built from.
func TestDescribeBuildNamesTheCommit(t *testing.T) {
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "quipu 0.1.0 (commit unknown: built without version control information)"},
		{"go build in a checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "99a382f0123456789abcdef"}, {Key: "vcs.modified", Value: "false"}}},
			"quipu 0.1.0 (commit 99a382f01234)"},
		{"go build in a clone: a pseudo-version", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201221752-4777ca0ac788+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "4777ca0ac788aaaa"}, {Key: "vcs.modified", Value: "true"}}},
			"quipu 0.1.0 (commit 4777ca0ac788, with uncommitted changes)"},
		{"edited checkout", &debug.BuildInfo{Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "99a382f"}, {Key: "vcs.modified", Value: "true"}}},
			"quipu 0.1.0 (commit 99a382f, with uncommitted changes)"},
		{"go install @v0.2.0", &debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "quipu v0.2.0 (commit unknown: built without version control information)"},
	} {
		if got := describeBuild(tc.info); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
