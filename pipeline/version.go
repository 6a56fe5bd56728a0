package pipeline

import (
	"fmt"
	"regexp"
	"runtime/debug"
)

// Version is quipu's version, recorded in every bundle's manifest so a
// published site says which quipu built it.
const Version = "0.1.0"

// BuildVersion describes the running binary as "quipu VERSION (commit C)":
// the module version when go install stamped one, else Version, and the
// commit the binary was built from, so a bug report names the exact code.
func BuildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return describeBuild(info)
}

var release = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)

// describeBuild is BuildVersion for a given build record (nil when the
// binary has none).
func describeBuild(info *debug.BuildInfo) string {
	version, commit, modified := Version, "", false
	if info != nil {
		// A release (go install …@v0.2.0) names itself; a pseudo-version
		// made from the commit would only repeat the commit.
		if v := info.Main.Version; release.MatchString(v) {
			version = v
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if commit == "" {
		return fmt.Sprintf("quipu %s (commit unknown: built without version control information)", version)
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if modified {
		commit += ", with uncommitted changes"
	}
	return fmt.Sprintf("quipu %s (commit %s)", version, commit)
}
