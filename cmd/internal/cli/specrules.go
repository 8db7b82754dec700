package cli

import "github.com/gt3ct/gt3ct/harness/spec"

// specRules loads the GT3 data specification: the built-in rules extended
// by the spec.yaml of the --contracts folder, when it has one.
func specRules(contracts string) (*spec.Rules, error) {
	r, err := spec.Load(contracts)
	if err != nil {
		return nil, err
	}
	return &r, nil
}
