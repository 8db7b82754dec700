package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// writeHelp prints c's help: its usage line (from its flags), summary, the
// usage line of every command below it, and its flags.
func writeHelp(w io.Writer, c *cobra.Command) {
	if !c.HasParent() {
		fmt.Fprintf(w, "%s: %s\n\n", c.Name(), c.Short)
	}
	fmt.Fprintf(w, "usage: %s\n", useLine(c))
	if c.HasParent() {
		text := c.Long
		if text == "" {
			text = c.Short
		}
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(text))
	}
	if subs := descendants(c); len(subs) > 0 {
		fmt.Fprintln(w, "\nCommands:")
		tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
		for _, s := range subs {
			fmt.Fprintf(tw, "  %s\t%s\n", useLine(s), s.Short)
		}
		tw.Flush()
	}
	if fl := c.LocalFlags().FlagUsages(); fl != "" {
		fmt.Fprintf(w, "\nFlags:\n%s", fl)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\nEvery command has --help (%s help COMMAND).", c.Root().Name())
	}
	fmt.Fprintln(w, "\nExit codes: 0 pass, 1 finding, 2 bad input, 3 internal error.")
}

// useLine is "gt3ct catalog show SERVICE [flags]"; a group's says COMMAND.
func useLine(c *cobra.Command) string {
	if !c.HasParent() {
		return c.Name() + " COMMAND [flags]"
	}
	return c.UseLine()
}

// descendants lists the runnable commands below c, depth first, leaving
// out help and hidden ones.
func descendants(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, s := range c.Commands() {
		if !s.IsAvailableCommand() || s.Name() == "help" {
			continue
		}
		if s.Runnable() && !isGroup(s) {
			out = append(out, s)
		}
		out = append(out, descendants(s)...)
	}
	return out
}

// isGroup says c only holds subcommands (newGroup).
func isGroup(c *cobra.Command) bool {
	return strings.HasSuffix(c.Use, " COMMAND")
}
