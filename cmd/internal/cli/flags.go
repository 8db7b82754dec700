package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// NewFlags makes a flag set for a command that reports errors as Input
// errors instead of exiting, and prints help to stdout for --help.
func NewFlags(env *Env, name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(env.Stdout, "usage: gt3ct %s\n", usageLine)
		fs.SetOutput(env.Stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// ErrHelp is returned by Parse when --help was asked for: the command should
// return nil.
var ErrHelp = flag.ErrHelp

// Parse parses args, allowing flags after positional arguments, and turns a
// parse failure into an Input error naming the command.
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp { // the flag package has printed the usage
				return nil, ErrHelp
			}
			return nil, errs.E(fs.Name(), errs.Input, "%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// Multi is a repeatable string flag (--set k=v --set k2=v2).
type Multi []string

// String joins the values.
func (m *Multi) String() string { return strings.Join(*m, ",") }

// Set appends a value.
func (m *Multi) Set(v string) error { *m = append(*m, v); return nil }

// ExactArgs checks the number of positional arguments.
func ExactArgs(fs *flag.FlagSet, pos []string, n int) error {
	if len(pos) != n {
		return errs.E(fs.Name(), errs.Input, "want %d argument(s), got %d (see --help)", n, len(pos))
	}
	return nil
}
