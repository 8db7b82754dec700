package cli

import (
	"strings"

	"github.com/spf13/pflag"

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
