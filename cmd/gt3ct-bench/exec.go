package main

import (
	"fmt"
	"os/exec"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/cmd/internal/cli"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func benchExecCmd(env *cli.Env) *cobra.Command {
	c := cli.Command("exec -- PROGRAM [ARGS...]", "run a program N times (output discarded) and print the mean, median and least wall time of a run", cli.Any)
	n := c.Flags().Int("n", 20, "timed runs, after one untimed")
	return cli.Run(c, func(args []string) error {
		if c.ArgsLenAtDash() != 0 || len(args) == 0 || *n < 1 {
			return errs.E("bench exec", errs.Input, "want --n N (at least 1) -- PROGRAM [ARGS...] (see --help)")
		}
		return benchExec(env, *n, args)
	})
}

// benchExec times each run from the fork to the exit of the process, so a
// cold start is measured without the shell's own forks around it (the
// bench's shell loop counted two date and two awk processes per run).
func benchExec(env *cli.Env, n int, args []string) error {
	runs := make([]time.Duration, 0, n)
	for i := 0; i <= n; i++ {
		start := time.Now()
		if err := exec.Command(args[0], args[1:]...).Run(); err != nil {
			return errs.E("bench exec", errs.Input, "run %d: %s: %v", i, args[0], err)
		}
		if i > 0 { // the first run warms the page cache
			runs = append(runs, time.Since(start))
		}
	}
	var sum time.Duration
	for _, d := range runs {
		sum += d
	}
	slices.Sort(runs)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Fprintf(env.Stdout, "mean %.1f ms, median %.1f ms, least %.1f ms of %d runs\n",
		ms(sum/time.Duration(n)), ms(runs[n/2]), ms(runs[0]), n)
	return nil
}
