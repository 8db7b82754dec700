// Package cli implements the gt3ct command line: a registry of subcommands,
// each a function from arguments to error, and the one place that maps errors
// to exit codes.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Env is what a command sees of the process: its streams and the context.
type Env struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (os.Getenv unless a test injects one).
	Getenv func(string) string
	// StdoutTTY and StderrTTY say whether the process's own streams are
	// terminals (Stdout and Stderr are wrapped by the redactor).
	StdoutTTY, StderrTTY bool
}

// Command is one subcommand ("catalog ls" is the command "catalog ls").
type Command struct {
	Name    string // space-separated path, e.g. "envelope parse"
	Summary string // one line for the command list
	Run     func(env *Env, args []string) error
}

var registry = map[string]Command{}

// Register adds a command; each command file registers its own in init.
func Register(c Command) {
	if _, dup := registry[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	registry[c.Name] = c
}

// Main runs the command named by args and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out, errOut := redacting(stdout), redacting(stderr)
	defer out.Flush()
	defer errOut.Flush()
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: out, Stderr: errOut, Getenv: os.Getenv,
		StdoutTTY: isTerminal(stdout), StderrTTY: isTerminal(stderr)}
	err := Dispatch(env, args)
	if err != nil && !errs.Is(err, errs.Finding) {
		msg := oneLine(Redactor()(err.Error()))
		if !strings.HasPrefix(msg, "gt3ct") {
			msg = "gt3ct: " + msg
		}
		fmt.Fprintln(errOut, msg)
	}
	return errs.ExitCode(err)
}

// Redactor returns the function that scrubs secrets from anything printed.
// The safety layer replaces it; by default it returns text unchanged.
var Redactor = func() func(string) string { return func(s string) string { return s } }

func Dispatch(env *Env, args []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errs.E("gt3ct", errs.Internal, "internal error: %v", r)
		}
	}()
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		usage(env.Stdout, "")
		return nil
	}
	// Longest registered prefix wins: "catalog ls" before "catalog".
	for n := min(len(args), 3); n > 0; n-- {
		name := strings.Join(args[:n], " ")
		if c, ok := registry[name]; ok {
			return c.Run(env, args[n:])
		}
	}
	if hasGroup(args[0]) {
		usage(env.Stderr, args[0])
		return errs.E("gt3ct", errs.Input, "unknown %s command %q", args[0], strings.Join(args[1:], " "))
	}
	return errs.E("gt3ct", errs.Input, "unknown command %q (see gt3ct help)", args[0])
}

func hasGroup(g string) bool {
	for n := range registry {
		if strings.HasPrefix(n, g+" ") {
			return true
		}
	}
	return false
}

func usage(w io.Writer, group string) {
	names := make([]string, 0, len(registry))
	for n := range registry {
		if group == "" || strings.HasPrefix(n, group+" ") || n == group {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	fmt.Fprintln(w, "gt3ct: contract tests for the Golden Tax III core (HXZG)\n\nCommands:")
	for _, n := range names {
		fmt.Fprintf(w, "  gt3ct %-20s %s\n", n, registry[n].Summary)
	}
	fmt.Fprintln(w, "\nEvery command has --help. Exit codes: 0 pass, 1 finding, 2 bad input, 3 internal error.")
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
