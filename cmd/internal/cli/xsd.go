package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gt3ct/gt3ct/contracts/xsd"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Register(Command{Name: "xsd sample", Summary: "write a valid sample document for a business XSD", Run: runXSDSample})
	Register(Command{Name: "xsd validate", Summary: "validate a document against a business XSD", Run: runXSDValidate})
}

func runXSDSample(env *Env, args []string) error {
	fs := NewFlags(env, "xsd sample", "xsd sample XSD [--element NAME]")
	element := fs.String("element", "", "global element to sample (default: the first one)")
	arg, err := parseOne(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	s, err := xsd.Load(arg)
	if err != nil {
		return err
	}
	return s.Sample(env.Stdout, *element)
}

func runXSDValidate(env *Env, args []string) error {
	fs := NewFlags(env, "xsd validate", "xsd validate XSD FILE")
	pos, err := Parse(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	if err := ExactArgs(fs, pos, 2); err != nil {
		return err
	}
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
