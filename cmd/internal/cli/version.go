package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Version, Commit and Date can be set at build time with
// -ldflags "-X github.com/gt3ct/gt3ct/cmd/internal/cli.Version=v1.2.3"; Commit
// and Date default to what the Go toolchain stamped (vcs.revision, vcs.time).
var Version, Commit, Date = "dev", "", ""

func init() {
	Register("", versionCmd)
}

func versionCmd(env *Env) *cobra.Command {
	c := Command("version", "print the version, commit and build date", Exact(0))
	return Run(c, func([]string) error {
		fmt.Fprintln(env.Stdout, versionLine())
		return nil
	})
}

// versionLine is "gt3ct v1.2.3 commit 0123456789ab (modified) date
// 2026-03-01T10:00:00Z go1.26.8 linux/amd64"; what is unknown is said so.
func versionLine() string {
	commit, date, modified := Commit, Date, false
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = firstNonEmpty(commit, s.Value)
			case "vcs.time":
				date = firstNonEmpty(date, s.Value)
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	parts := []string{Program, Version, "commit", firstNonEmpty(commit, "unknown")}
	if modified {
		parts = append(parts, "(modified)")
	}
	parts = append(parts, "date", firstNonEmpty(date, "unknown"), runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
	return strings.Join(parts, " ")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
