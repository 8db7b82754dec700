package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/harness/repro"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

func init() {
	Group("repro", "reproduce a production case: capture, run, promote")
	Register("repro", reproCaptureCmd)
	Register("repro", reproRunCmd)
	Register("repro", reproPromoteCmd)
}

// captureFlags are the flags of repro capture.
type captureFlags struct {
	env                                   *EnvFlags
	contracts, djxh, message, tables, out *string
	from, tranSeq                         *string
	force                                 *bool
}

func reproCaptureCmd(env *Env) *cobra.Command {
	c := Command("capture", "capture a taxpayer's rows and logged request into a masked case bundle (read-only)", Exact(0))
	fs := c.Flags()
	f := captureFlags{env: AddEnvFlags(fs), contracts: ContractsFlag(fs)}
	f.djxh = fs.String("djxh", "", "`DJXH` of the taxpayer (required)")
	f.message = fs.String("message", "", "the logged request `FILE` (bare, SOAP, GBK, escaped body; - for stdin)")
	f.tables = fs.String("tables", "", "comma-separated core tables `LIST` (default: every table with a DJXH owner)")
	f.out = fs.String("out", "", "bundle folder `DIR` to write (required; an existing bundle only with --force)")
	f.force = fs.Bool("force", false, "replace the case bundle already in --out")
	f.from = fs.String("from", "", "take the request and taxpayer from this proxy run `DIR` (with --tran-seq)")
	f.tranSeq = fs.String("tran-seq", "", "the recorded exchange's tran_seq `SEQ` (with --from)")
	return Run(c, func([]string) error { return reproCapture(env, f) })
}

func reproCapture(env *Env, f captureFlags) error {
	ef, contracts, djxh, message, tables, out := f.env, f.contracts, f.djxh, f.message, f.tables, f.out
	msg, err := recorded(f)
	if err != nil {
		return err
	}
	if *djxh == "" || *out == "" {
		return errs.E("repro capture", errs.Input, "--djxh (or --from with --tran-seq) and --out are required (see --help)")
	}
	if ef.NoMask {
		return errs.E("repro capture", errs.Input, "--no-mask: case bundles are always masked")
	}
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	o := repro.CaptureOptions{Env: e, Redactor: env.Redactor, DJXH: *djxh, Out: *out, Force: *f.force}
	if *tables != "" {
		o.Tables = strings.Split(*tables, ",")
	}
	if o.Message = msg; msg == nil {
		if o.Message, err = readMessage(env, *message); err != nil {
			return err
		}
	}
	if o.Catalog, err = openCatalog(env, *contracts); err != nil {
		return err
	}
	meta, _, err := repro.Capture(env.Ctx, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "captured %s (%s) from %s into %s: taxpayer %s, %d tables\n",
		orNone(meta.Service), orNone(meta.TranID), e.Name, *out, meta.DJXH, len(meta.Tables))
	if meta.Message == nil {
		fmt.Fprintf(env.Stderr, "repro capture: %s\n", repro.NoMessageNote)
	}
	return nil
}

// recorded reads the exchange --from and --tran-seq name: its request, and
// its taxpayer into --djxh unless given (nil when --from is not used).
func recorded(f captureFlags) ([]byte, error) {
	if *f.from == "" && *f.tranSeq == "" {
		return nil, nil
	}
	if *f.from == "" || *f.tranSeq == "" || *f.message != "" {
		return nil, errs.E("repro capture", errs.Input, "--from DIR and --tran-seq SEQ go together, without --message")
	}
	ex, err := repro.RecordedExchange(*f.from, *f.tranSeq)
	if err != nil {
		return nil, err
	}
	if *f.djxh == "" {
		*f.djxh = ex.DJXH
	}
	return ex.Message, nil
}

func readMessage(env *Env, name string) ([]byte, error) {
	switch name {
	case "":
		return nil, nil
	case "-":
		b, err := io.ReadAll(env.Stdin)
		if err != nil {
			return nil, errs.E("repro capture", errs.Input, "read stdin: %v", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, errs.E("repro capture", errs.Input, "read %s: %v", name, err)
	}
	return b, nil
}

// replayFlags are the flags of repro run.
type replayFlags struct {
	env                             *EnvFlags
	contracts, faults, seed, format *string
	sim                             *SimTuning
}

func reproRunCmd(env *Env) *cobra.Command {
	c := Command("run DIR", "replay a case bundle under fresh test identifiers and diff the rows", Exact(1))
	fs := c.Flags()
	f := replayFlags{env: AddEnvFlags(fs), contracts: ContractsFlag(fs)}
	f.faults = FaultsFlag(fs)
	f.sim = AddSimTuning(fs)
	f.seed = fs.String("seed", "before", "rows to seed: `before|all` (before: entered before the request)")
	f.format = FormatFlag(fs, "text", "json")
	return Run(c, func(args []string) error { return reproRun(env, f, args[0]) })
}

func reproRun(env *Env, f replayFlags, arg string) error {
	ef, contracts, faults, seedWhat, format := f.env, f.contracts, f.faults, f.seed, f.format
	if err := checkChoice("repro run", "format", *format, "text", "json"); err != nil {
		return err
	}
	if err := checkChoice("repro run", "seed", *seedWhat, "before", "all"); err != nil {
		return err
	}
	if err := f.sim.Check("repro run"); err != nil {
		return err
	}
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	f.sim.Database(&e, ef)
	if err := session.Preflight(session.Options{Env: e, Faults: *faults}); err != nil {
		return err
	}
	if err := authorizeRepro(env, ef, e); err != nil {
		return err
	}
	cat, err := openCatalog(env, *contracts)
	if err != nil {
		return err
	}
	rp, err := repro.Run(env.Ctx, arg, repro.RunOptions{Env: e, Redactor: env.Redactor, Catalog: cat, Faults: *faults, SeedAll: *seedWhat == "all", Unlocked: true,
		AuditPath: e.Audit, SimShape: f.sim.Shape, SimDDL: f.sim.DDL})
	if err != nil {
		return err
	}
	return printReplay(env, rp, *format)
}

func authorizeRepro(env *Env, ef *EnvFlags, e config.Environment) error {
	audit, err := safety.OpenAudit(e.Audit)
	if err != nil {
		return err
	}
	defer audit.Close()
	return ef.Authorize(env, e, safety.Action{Kind: safety.KindRepro, Service: "repro run", Writes: true}, audit)
}

func printReplay(env *Env, rp *repro.Replay, format string) error {
	path, err := rp.Save()
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rp)
	} else {
		err = repro.WriteText(env.Stdout, rp)
		fmt.Fprintf(env.Stdout, "saved %s\n", path)
	}
	if err != nil {
		return err
	}
	if rp.Status != "pass" {
		return errs.E("repro run", errs.Finding, "%s: the replay's answer or rows fail the contract checks", rp.Service)
	}
	return nil
}

func reproPromoteCmd(env *Env) *cobra.Command {
	c := Command("promote DIR", "turn a case bundle into a contract case the nightly runs", Exact(1))
	fs := c.Flags()
	ef, contracts := AddEnvFlags(fs), ContractsFlag(fs)
	name := fs.String("name", "", "case `NAME` (default repro-<date>-<short hash>)")
	return Run(c, func(args []string) error { return reproPromote(env, ef, *contracts, *name, args[0]) })
}

func reproPromote(env *Env, ef *EnvFlags, contracts, name, arg string) error {
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	if e.Readonly {
		return errs.E("repro promote", errs.Refused, "environment %q is readonly: the clean replay promote needs runs elsewhere (default: sim)", e.Name)
	}
	p, err := repro.Promote(env.Ctx, arg, repro.PromoteOptions{Name: name, Contracts: writableContracts(env, contracts), Env: e, AuditPath: e.Audit})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "added case %s to %s (%d DB checks): %s\n", p.Case, p.Service, p.Checks, strings.Join(p.Files, ", "))
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "no message"
	}
	return s
}
