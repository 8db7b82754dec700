package safety

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// The kinds of action the read-only guard judges.
const (
	KindService  = "service"   // sending a catalog service
	KindFixtures = "fixtures"  // any fixture command (seed, clean)
	KindRepro    = "repro run" // replaying a captured bundle
	KindNoMask   = "no-mask"   // writing files without PII masking
)

// Action is what a command is about to do to an environment.
type Action struct {
	Kind    string // KindService, KindFixtures or KindRepro
	Service string // service code, or the command ("fixtures seed")
	Op      string // the service kind from the catalog: query, save, check…
	Writes  bool   // from the catalog: the service changes core data
}

// String names the action for messages: "HXZG_SB_00045 (save)".
func (a Action) String() string {
	name := a.Service
	if name == "" {
		name = a.Kind
	}
	if a.Op != "" {
		name += " (" + a.Op + ")"
	}
	return name
}

// unlockHint is how every refusal says the rule can be lifted.
const unlockHint = "unlock with --unlock-writes and a typed confirmation"

// Guard refuses, on a readonly environment, any service that writes, any
// fixture command and repro run, with an errs.Refused naming the rule. On
// other environments, and for reads, it returns nil.
func Guard(env config.Environment, a Action) error {
	if !env.Readonly {
		return nil
	}
	var what, rule string
	switch a.Kind {
	case KindService:
		if !a.Writes {
			return nil
		}
		what, rule = a.String()+" writes", "readonly envs refuse writing services"
	case KindFixtures:
		what, rule = a.String()+" writes fixtures", "readonly envs refuse fixture commands"
	case KindRepro:
		what, rule = "repro run replays captured messages", "readonly envs refuse repro run"
	default:
		what, rule = a.String()+" is not a known action", "readonly envs refuse what they cannot judge"
	}
	return errs.E("refused", errs.Refused, "environment %q is readonly: %s (rule: %s; %s)", env.Name, what, rule, unlockHint)
}

// Unlock asks the user to type the environment's name to allow writes on a
// readonly environment. Without a terminal (isTTY false) it refuses: a
// script cannot unlock production.
func Unlock(env config.Environment, in io.Reader, out io.Writer, isTTY bool) error {
	if !isTTY {
		return errs.E("refused", errs.Refused,
			"environment %q is readonly: --unlock-writes needs a confirmation typed on a terminal, and there is none (rule: no unattended writes to readonly envs)", env.Name)
	}
	fmt.Fprintf(out, "Environment %q is readonly (production). Type its name to allow writes: ", env.Name)
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		return errs.E("refused", errs.Refused, "environment %q is readonly: no confirmation typed (rule: %s)", env.Name, unlockHint)
	}
	if strings.TrimSpace(line) != env.Name {
		return errs.E("refused", errs.Refused, "environment %q is readonly: the confirmation did not match the environment name (rule: %s)", env.Name, unlockHint)
	}
	return nil
}

// Authorize is the guard as commands use it: Guard, and when it refuses and
// the user passed --unlock-writes (unlock), the typed confirmation
// (confirm, usually Unlock on the command's streams). Refusals and unlock
// attempts are written to audit (which may be nil) either way.
func Authorize(env config.Environment, a Action, unlock bool, confirm func() error, audit *Audit) error {
	refusal := Guard(env, a)
	if refusal == nil {
		return nil
	}
	if !unlock || confirm == nil {
		return errs.First(refusal, audit.Event(env, a, EventRefused, refusal.Error()))
	}
	if err := confirm(); err != nil {
		return errs.First(err, audit.Event(env, a, EventUnlockDenied, err.Error()))
	}
	return audit.Event(env, a, EventUnlocked, "confirmed on a terminal")
}

// MaskEnabled says whether PII must be masked: always, unless --no-mask
// (noMask) or the environment's mask: false asks otherwise, which is refused
// on a readonly environment.
func MaskEnabled(env config.Environment, noMask bool) (bool, error) {
	if !noMask && env.Mask {
		return true, nil
	}
	if err := CheckNoMask(env); err != nil {
		return true, err
	}
	return false, nil
}

// CheckNoMask refuses --no-mask on a readonly environment.
func CheckNoMask(env config.Environment) error {
	if env.Readonly {
		return errs.E("refused", errs.Refused,
			"environment %q is readonly: --no-mask is not allowed (rule: taxpayer PII from readonly envs is always masked)", env.Name)
	}
	return nil
}
