package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X …/cmd/internal/cli.Version=v1.2.3".
var Version = "dev"

func init() {
	Register(Command{Name: "version", Summary: "print the version", Run: runVersion})
}

func runVersion(env *Env, args []string) error {
	fs := NewFlags(env, "version", "version")
	if _, err := Parse(fs, args); err != nil {
		return HelpOK(err)
	}
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	fmt.Fprintf(env.Stdout, "gt3ct %s%s %s %s/%s\n", Version, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
