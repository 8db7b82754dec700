package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// addCompletion adds `completion bash|zsh|fish|powershell`: the scripts
// that make the shell ask gt3ct itself (gt3ct __complete …) for service
// codes, case names, env names, faults, shards and run folders.
func addCompletion(root *cobra.Command, env *Env) {
	group := newGroup("completion", "print the shell completion script: bash, zsh, fish or powershell")
	group.Long = "Print the completion script for a shell. Load it in the current shell with\n" +
		"  source <(" + root.Name() + " completion bash)\n" +
		"or install it for every shell, e.g. " + root.Name() + " completion bash > /etc/bash_completion.d/" + root.Name() + "\n" +
		"The bash script works with and without the bash-completion package."
	gens := []struct {
		shell string
		gen   func(w io.Writer, desc bool) error
	}{
		{"bash", func(w io.Writer, desc bool) error { return bashCompletion(root, w, desc) }},
		{"zsh", func(w io.Writer, desc bool) error {
			if desc {
				return root.GenZshCompletion(w)
			}
			return root.GenZshCompletionNoDesc(w)
		}},
		{"fish", root.GenFishCompletion},
		{"powershell", func(w io.Writer, desc bool) error {
			if desc {
				return root.GenPowerShellCompletionWithDesc(w)
			}
			return root.GenPowerShellCompletion(w)
		}},
	}
	for _, g := range gens {
		c := Command(g.shell, "print the "+g.shell+" completion script", Exact(0))
		noDesc := c.Flags().Bool("no-descriptions", false, "leave out the descriptions of completions")
		group.AddCommand(Run(c, func([]string) error { return g.gen(env.Stdout, !*noDesc) }))
	}
	root.AddCommand(group)
}

// bashInitCompletion is cobra's minimal stand-in for _init_completion; it
// needs _get_comp_words_by_ref from the bash-completion package.
const bashInitCompletion = `__%[1]s_init_completion()
{
    COMPREPLY=()
    _get_comp_words_by_ref "$@" cur prev words cword
}
`

// bashInitFallback uses _get_comp_words_by_ref when the bash-completion
// package is loaded, else bash's own COMP_WORDS and COMP_CWORD, joining
// again the words bash split at = and : (what -n =: asks for).
const bashInitFallback = `__%[1]s_init_completion()
{
    COMPREPLY=()
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref "$@" cur prev words cword
        return
    fi
    local i w
    words=()
    cword=0
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        if ((${#words[@]} > 1)) && [[ $w == [=:]* || ${words[${#words[@]}-1]} == *[=:] ]]; then
            words[${#words[@]}-1]+=$w
        else
            words+=("$w")
        fi
        ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
    done
    cur=${words[cword]}
    prev=${words[cword-1]}
}
`

// bashCompletion writes cobra's bash script with the fallback above.
func bashCompletion(root *cobra.Command, w io.Writer, desc bool) error {
	var buf bytes.Buffer
	if err := root.GenBashCompletionV2(&buf, desc); err != nil {
		return err
	}
	old, fallback := fmt.Sprintf(bashInitCompletion, root.Name()), fmt.Sprintf(bashInitFallback, root.Name())
	script := buf.String()
	if !strings.Contains(script, old) {
		return errs.E("completion bash", errs.Internal, "cobra's script changed: no %s_init_completion to extend", root.Name())
	}
	_, err := io.WriteString(w, strings.Replace(script, old, fallback, 1))
	return err
}
