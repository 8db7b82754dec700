package session

import (
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Preflight refuses, before anything is opened or sent, options a session
// could only misuse: faults outside the embedded simulator, an --endpoint
// without the --db behind it (or an Oracle --db with no endpoint; see
// config.Environment.CheckPair), and a readonly environment without the
// head fields every request needs (it would send hundreds of requests that
// all fail on them). Open calls it; commands may call it earlier.
func Preflight(o Options) error {
	if o.Faults != "" && o.Env.Endpoint != "" {
		return errs.E("--faults", errs.Input, "%q works only on the embedded simulator: environment %s sends to %s (drop --faults, or --endpoint)", o.Faults, o.Env.Name, o.Env.Endpoint)
	}
	if err := o.Env.CheckPair(); err != nil {
		return err
	}
	if o.Env.Readonly {
		return o.Env.CheckHead()
	}
	return nil
}
