package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/suggest"
)

// completion is cobra's completion function type.
type completion = func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective)

const noFiles = cobra.ShellCompDirectiveNoFileComp

// wireCompletion gives every flag of the tree its completion by name:
// --env, --faults, --shard, --case, --resume, --baseline, --format.
func wireCompletion(c *cobra.Command, env *Env) {
	byName := map[string]completion{
		"env": completeEnv(env), "faults": completeFaults, "shard": completeShard,
		"case": completeCase(env), "resume": completeRunDirs, "baseline": completeRunDirs,
		"sim-shape": completeWords(sim.Shapes()), "shape": completeWords(sim.Shapes()),
		"sim-ddl": completeWords(coredb.Variants()), "ddl": completeWords(coredb.Variants()),
	}
	c.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if fn, ok := byName[f.Name]; ok {
			_ = c.RegisterFlagCompletionFunc(f.Name, fn)
		}
	})
	for _, s := range c.Commands() {
		wireCompletion(s, env)
	}
}

// completionCatalog opens the catalog a completion works on (--contracts
// when the command line has it), quietly: nothing may reach the terminal.
func completionCatalog(env *Env, c *cobra.Command) *catalog.Catalog {
	dir, _ := c.Flags().GetString("contracts")
	if dir == "" {
		dir = env.Getenv("GT3CT_CONTRACTS")
	}
	cat, err := catalog.Open(dir)
	if err != nil {
		return nil
	}
	return cat
}

// completeService completes the SERVICE argument: codes (described by
// their Chinese name), and tran_ids once the word starts like one.
func completeService(env *Env) completion {
	return func(c *cobra.Command, args []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
		cat := completionCatalog(env, c)
		if len(args) > 0 || cat == nil {
			return nil, noFiles
		}
		var out []cobra.Completion
		for _, s := range cat.Services {
			if strings.HasPrefix(s.Code, word) {
				out = append(out, cobra.CompletionWithDesc(s.Code, s.Name))
			}
			if word != "" && s.TranID != "" && strings.HasPrefix(s.TranID, word) {
				out = append(out, cobra.CompletionWithDesc(s.TranID, s.Code))
			}
		}
		return out, noFiles
	}
}

// completeCase completes --case with the cases of the SERVICE argument.
func completeCase(env *Env) completion {
	return func(c *cobra.Command, args []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
		cat := completionCatalog(env, c)
		if len(args) == 0 || cat == nil {
			return nil, noFiles
		}
		svc, ok := cat.Lookup(args[0])
		if !ok {
			return nil, noFiles
		}
		return prefixed(caseNames(cat, svc), word), noFiles
	}
}

// caseNames lists the cases of svc the way run picks them.
func caseNames(cat *catalog.Catalog, svc *catalog.Service) []string {
	var out []string
	for _, j := range sweep.Plan(cat, sweep.Selection{Services: svc.Code}, session.DefaultProfile(svc)) {
		if j.Service == svc {
			out = append(out, j.Case.Name)
		}
	}
	return out
}

// completeEnv completes --env: sim and the config file's environments.
func completeEnv(env *Env) completion {
	return func(c *cobra.Command, _ []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
		path, _ := c.Flags().GetString("config")
		return prefixed(config.EnvNames(path, env.Getenv), word), noFiles
	}
}

// completeFaults completes a comma list of simulator faults, one item at a
// time, leaving out those already listed.
func completeFaults(_ *cobra.Command, _ []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
	done, last := "", word
	if i := strings.LastIndexByte(word, ','); i >= 0 {
		done, last = word[:i+1], word[i+1:]
	}
	listed := map[string]bool{}
	for _, f := range strings.Split(done, ",") {
		name, _, _ := strings.Cut(f, "=")
		listed[name] = true
	}
	var out []cobra.Completion
	for _, f := range sim.Faults() {
		if !listed[f] && strings.HasPrefix(f, last) {
			out = append(out, done+f)
		}
	}
	return out, noFiles | cobra.ShellCompDirectiveNoSpace
}

// completeWords completes a flag whose value is one of words.
func completeWords(words []string) completion {
	return func(_ *cobra.Command, _ []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return prefixed(words, word), noFiles
	}
}

// completeShard completes --shard: auto, and I/N for N of 2 to 8 (only N's
// once the word says which).
func completeShard(_ *cobra.Command, _ []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
	out := []string{"auto"}
	for n := 2; n <= 8; n++ {
		for i := 1; i <= n; i++ {
			out = append(out, fmt.Sprintf("%d/%d", i, n))
		}
	}
	return prefixed(out, word), noFiles
}

// completeRunDirs completes run folders: the folders holding results.jsonl
// under the word's folder (or .), up to three levels down.
func completeRunDirs(_ *cobra.Command, _ []string, word string) ([]cobra.Completion, cobra.ShellCompDirective) {
	base := "."
	if i := strings.LastIndexByte(word, '/'); i >= 0 {
		base = word[:i+1]
	}
	var out []string
	_ = filepath.WalkDir(base, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if strings.Count(strings.TrimPrefix(path, base), string(filepath.Separator)) > 3 {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "results.jsonl")); err == nil {
			if base == "." {
				path = strings.TrimPrefix(path, "./")
			}
			out = append(out, path)
		}
		return nil
	})
	return prefixed(out, word), noFiles
}

// prefixed keeps the names starting with word.
func prefixed(names []string, word string) []cobra.Completion {
	var out []cobra.Completion
	for _, n := range names {
		if strings.HasPrefix(n, word) {
			out = append(out, n)
		}
	}
	return out
}

// lookupService finds SERVICE (code or tran_id) in cat, or refuses it
// (exit 2) naming the nearest services: a near code, a prefix, or part of
// a Chinese name.
func lookupService(cat *catalog.Catalog, op, arg string) (*catalog.Service, error) {
	if s, ok := cat.Lookup(arg); ok {
		return s, nil
	}
	const shown = 8
	near := cat.Suggest(arg, shown+1)
	var list []string
	for i, s := range near {
		if i == shown {
			list[len(list)-1] += " …"
			break
		}
		list = append(list, s.Code+" "+s.Name)
	}
	return nil, errs.E(op, errs.Input, "no service %q in the catalog%s (give a code like HXZG_SB_00045 or a tran_id; see gt3ct catalog ls)",
		arg, suggest.Phrase(list))
}
