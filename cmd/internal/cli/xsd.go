package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/contracts/xsd"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Group("xsd", "business schemas: sample, validate")
	Register("xsd", xsdSampleCmd)
	Register("xsd", xsdValidateCmd)
}

func xsdSampleCmd(env *Env) *cobra.Command {
	c := Command("sample XSD", "write a valid sample document for a business XSD", Exact(1))
	element := c.Flags().String("element", "", "global element `NAME` to sample (default: the first one)")
	return Run(c, func(args []string) error {
		s, err := xsd.Load(args[0])
		if err != nil {
			return err
		}
		return s.Sample(env.Stdout, *element)
	})
}

func xsdValidateCmd(env *Env) *cobra.Command {
	c := Command("validate XSD FILE", "validate a document against a business XSD", Exact(2))
	return Run(c, func(args []string) error { return xsdValidate(env, args) })
}

func xsdValidate(env *Env, pos []string) error {
	s, err := xsd.Load(pos[0])
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return errs.E("xsd validate", errs.Input, "%v", err)
	}
	problems, err := s.Validate(data, filepath.Base(pos[1]))
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(env.Stdout, p)
	}
	if len(problems) > 0 {
		return errs.E("xsd validate", errs.Finding, "%s: %d problem(s)", pos[1], len(problems))
	}
	fmt.Fprintf(env.Stdout, "%s: valid\n", pos[1])
	return nil
}
