package cli

import (
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/suggest"
)

// Builder makes one command for a run of the process. Command files call
// Register with their builders in init; Main builds a fresh tree each time.
type Builder func(env *Env) *cobra.Command

type registration struct {
	parent string
	build  Builder
}

var (
	registry []registration
	groups   = map[string]string{} // group name → one-line summary
)

// Register adds the command build makes under parent: "" for a top-level
// command, a group's name ("catalog") for one of its subcommands.
func Register(parent string, build Builder) {
	registry = append(registry, registration{parent, build})
}

// Group declares a command group (gt3ct catalog …): run alone it lists its
// subcommands with their usage lines. A top-level command of the same name
// (report) is its own group and needs no declaration.
func Group(name, short string) {
	if _, dup := groups[name]; dup {
		panic("cli: group declared twice: " + name)
	}
	groups[name] = short
}

// NewRoot builds the whole command tree for env.
func NewRoot(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use: Program, Short: "contract tests for the Golden Tax III core (HXZG)",
		Version: versionLine(), Args: unknownCommand, SilenceUsage: true, SilenceErrors: true,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetFlagErrorFunc(flagError)
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { writeHelp(c.OutOrStdout(), c) })
	root.CompletionOptions.DisableDefaultCmd = true
	top := map[string]*cobra.Command{}
	add := func(parent *cobra.Command, c *cobra.Command) {
		if hasChild(parent, c.Name()) {
			panic("cli: command registered twice: " + parent.Name() + " " + c.Name())
		}
		parent.AddCommand(c)
	}
	for _, r := range registry {
		if r.parent == "" {
			c := r.build(env)
			add(root, c)
			top[c.Name()] = c
		}
	}
	for _, name := range slices.Sorted(maps.Keys(groups)) {
		if top[name] == nil {
			top[name] = newGroup(name, groups[name])
			root.AddCommand(top[name])
		}
	}
	for _, r := range registry {
		if r.parent != "" {
			p := top[r.parent]
			if p == nil {
				panic("cli: no group " + r.parent)
			}
			add(p, r.build(env))
		}
	}
	addCompletion(root, env)
	wireCompletion(root, env)
	return root
}

func hasChild(parent *cobra.Command, name string) bool {
	for _, c := range parent.Commands() {
		if c.Name() == name {
			return true
		}
	}
	return false
}

// newGroup is a command that only holds subcommands: run alone it lists
// them (exit 0); with an unknown subcommand it is exit 2 with suggestions.
func newGroup(name, short string) *cobra.Command {
	return &cobra.Command{
		Use: name + " COMMAND", Short: short, Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return c.Help()
			}
			return unknownCommand(c, args)
		},
	}
}

// unknownCommand refuses a command name the tree does not have, suggesting
// the nearest ones.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() {
			names = append(names, s.Name())
		}
	}
	where := "command"
	if c.HasParent() {
		where = c.Name() + " command"
	}
	return errs.E(Program, errs.Input, "unknown %s %q%s (see %s --help)",
		where, args[0], suggest.Hint(args[0], names), c.CommandPath())
}

// opName is the command's path without the program name: "catalog ls",
// what errors name.
func opName(c *cobra.Command) string {
	p := c.CommandPath()
	if i := strings.IndexByte(p, ' '); i >= 0 {
		return p[i+1:]
	}
	return p
}

// flagError turns a flag parse failure into an Input error (exit 2) naming
// the command; a single-dash long flag (-out) gets told its new spelling.
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown shorthand flag") {
		if name := singleDashName(msg); name != "" && c.Flags().Lookup(name) != nil {
			return errs.E(opName(c), errs.Input, "-%s: long flags take two dashes now: --%s", name, name)
		}
	}
	return errs.E(opName(c), errs.Input, "%s (see %s --help)", msg, c.CommandPath())
}

// singleDashName extracts "out" from pflag's `unknown shorthand flag: 'o' in -out`.
func singleDashName(msg string) string {
	i := strings.LastIndex(msg, " in -")
	if i < 0 {
		return ""
	}
	name, _, _ := strings.Cut(msg[i+len(" in -"):], "=")
	return name
}

// Command makes a command with use ("show SERVICE"), a summary and an
// argument check; the caller adds flags and sets RunE (see Run).
func Command(use, short string, args cobra.PositionalArgs) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, Args: args}
}

// Run sets c's action to run and returns c.
func Run(c *cobra.Command, run func(args []string) error) *cobra.Command {
	c.RunE = func(_ *cobra.Command, args []string) error { return run(args) }
	return c
}

// Exact wants n positional arguments.
func Exact(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) == n {
			return nil
		}
		if n == 0 {
			return errs.E(opName(c), errs.Input, "unexpected argument %q (see %s --help)", args[0], c.CommandPath())
		}
		return errs.E(opName(c), errs.Input, "want %d argument(s), got %d (see %s --help)", n, len(args), c.CommandPath())
	}
}

// Any takes any number of positional arguments.
var Any cobra.PositionalArgs = cobra.ArbitraryArgs
