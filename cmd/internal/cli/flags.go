package cli

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// ContractsFlag adds --contracts to fs.
func ContractsFlag(fs *pflag.FlagSet) *string {
	return fs.String("contracts", "", "contracts folder `DIR` (default $GT3CT_CONTRACTS, else ./contracts, else the embedded copy)")
}

// FormatFlag adds --format to fs with its choices, the first the default.
func FormatFlag(fs *pflag.FlagSet, choices ...string) *string {
	return fs.String("format", choices[0], "output format: `"+strings.Join(choices, "|")+"`")
}

// checkChoice refuses a flag value outside want: exit 2 naming the flag.
func checkChoice(op, flag, got string, want ...string) error {
	for _, w := range want {
		if got == w {
			return nil
		}
	}
	return errs.E(op, errs.Input, "unknown --%s %q: want %s", flag, got, strings.Join(want, " or "))
}

// SetFlag adds the repeatable --set key=value to fs. Values are kept whole:
// a comma belongs to the value, never separates two.
func SetFlag(fs *pflag.FlagSet) *[]string {
	return fs.StringArray("set", nil, "override a template value: `key=value` (repeatable)")
}

// SimTuning are the flags that shape the embedded simulator of env sim:
// --sim-shape (how it answers) and --sim-ddl (the core DDL it creates).
type SimTuning struct {
	Shape, DDL string
}

// AddSimTuning registers --sim-shape and --sim-ddl on fs.
func AddSimTuning(fs *pflag.FlagSet) *SimTuning {
	t := &SimTuning{}
	fs.StringVar(&t.Shape, "sim-shape", "", "answer shape of the embedded simulator: `"+strings.Join(sim.Shapes(), "|")+"` (default cdata)")
	fs.StringVar(&t.DDL, "sim-ddl", "", "core DDL of the embedded simulator: `"+strings.Join(coredb.Variants(), "|")+"` (default own)")
	return t
}

// Check refuses a shape or DDL variant the simulator does not know (exit
// 2), before anything is opened.
func (t *SimTuning) Check(op string) error {
	if t.Shape != "" {
		if err := checkChoice(op, "sim-shape", t.Shape, sim.Shapes()...); err != nil {
			return err
		}
	}
	if t.DDL != "" {
		if err := checkChoice(op, "sim-ddl", t.DDL, coredb.Variants()...); err != nil {
			return err
		}
	}
	return nil
}

// Database points the embedded simulator of env e at its own database for
// the site DDL (.gt3ct/sim-site/): a core built with one DDL cannot be
// written with the other. A --db given by hand is left alone.
func (t *SimTuning) Database(e *config.Environment, ef *EnvFlags) {
	if t.DDL == "site" && e.Endpoint == "" && ef.DB == "" && e.DB == config.SimDB {
		e.DB = "sqlite:.gt3ct/sim-site/core.db"
	}
}

// FaultsFlag adds --faults (faults of the embedded simulator) to fs.
func FaultsFlag(fs *pflag.FlagSet) *string {
	return fs.String("faults", "", "faults of the embedded simulator (env sim only), a comma `LIST` of name or name=rate: "+strings.Join(sim.Faults(), ", "))
}
