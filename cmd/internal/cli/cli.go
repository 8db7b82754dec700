// Package cli implements the gt3ct command line on cobra: each command file
// registers builders of its commands, Main builds the tree for one process
// and maps the error a command returns to the exit code, in one place.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Program is the name of the binary: the root command's name in help and
// in the completion scripts (gt3ct-bench sets its own).
var Program = "gt3ct"

// Env is what a command sees of the process: its streams and the context.
type Env struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (os.Getenv unless a test injects one).
	Getenv func(string) string
	// Redactor scrubs the secrets of every environment the command resolved
	// from all it prints and writes (one per invocation, never global).
	Redactor *safety.Redactor
	// Args is the command line Dispatch runs (without the program name).
	Args []string
	// StdoutTTY and StderrTTY say whether the process's own streams are
	// terminals (Stdout and Stderr are wrapped by the redactor).
	StdoutTTY, StderrTTY bool
}

// Main runs the command named by args and returns the process exit code.
// An error is printed as one line on stderr, through the redactor.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	red := safety.NewRedactor()
	out, errOut := redacting(stdout, red), redacting(stderr, red)
	defer out.Flush()
	defer errOut.Flush()
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: out, Stderr: errOut, Getenv: os.Getenv, Redactor: red,
		StdoutTTY: isTerminal(stdout), StderrTTY: isTerminal(stderr)}
	err := Dispatch(env, args)
	if err != nil && !errs.Is(err, errs.Finding) {
		msg := oneLine(red.Redact(err.Error()))
		if !strings.HasPrefix(msg, "gt3ct") {
			msg = "gt3ct: " + msg
		}
		fmt.Fprintln(errOut, msg)
	}
	return errs.ExitCode(err)
}

// Dispatch builds the command tree for env and runs the command args name;
// a panic becomes an Internal error.
func Dispatch(env *Env, args []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errs.E("gt3ct", errs.Internal, "internal error: %v", r)
		}
	}()
	env.Args = args
	root := NewRoot(env)
	root.SetArgs(args)
	return root.ExecuteContext(env.Ctx)
}

// ownArgs is the part of the command line after c's name: what a nightly
// records in run.json.
func ownArgs(env *Env, c *cobra.Command) []string {
	n := len(strings.Fields(opName(c)))
	return env.Args[min(n, len(env.Args)):]
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
