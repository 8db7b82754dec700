package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gt3ct/gt3ct/harness/repro"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

func init() {
	Register(Command{Name: "repro capture", Summary: "capture a taxpayer's rows and logged request into a masked case bundle (read-only)", Run: runReproCapture})
	Register(Command{Name: "repro run", Summary: "replay a case bundle under fresh test identifiers and diff the rows", Run: runReproRun})
	Register(Command{Name: "repro promote", Summary: "turn a case bundle into a contract case the nightly runs", Run: runReproPromote})
}

func runReproCapture(env *Env, args []string) error {
	fs := NewFlags(env, "repro capture", "repro capture --env E --djxh DJXH [--message FILE] [--tables LIST] --out DIR")
	ef, contracts := AddEnvFlags(fs), ContractsFlag(fs)
	djxh := fs.String("djxh", "", "DJXH of the taxpayer (required)")
	message := fs.String("message", "", "the logged request (bare, SOAP, GBK, escaped body; - for stdin)")
	tables := fs.String("tables", "", "comma-separated core tables (default: every table with a DJXH owner)")
	out := fs.String("out", "", "bundle folder to write (required)")
	if err := ParseExact(fs, args, 0); err != nil {
		return HelpOK(err)
	}
	if *djxh == "" || *out == "" {
		return errs.E("repro capture", errs.Input, "--djxh and --out are required (see --help)")
	}
	if ef.NoMask {
		return errs.E("repro capture", errs.Input, "--no-mask: case bundles are always masked")
	}
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	o := repro.CaptureOptions{Env: e, DJXH: *djxh, Out: *out}
	if *tables != "" {
		o.Tables = strings.Split(*tables, ",")
	}
	if o.Message, err = readMessage(env, *message); err != nil {
		return err
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
	return nil
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

func runReproRun(env *Env, args []string) error {
	fs := NewFlags(env, "repro run", "repro run DIR [--env E] [--faults LIST] [--seed all|before] [--format text|json]")
	ef, contracts := AddEnvFlags(fs), ContractsFlag(fs)
	faults := fs.String("faults", "", "faults of the embedded simulator, e.g. wrong-amount")
	seedWhat := fs.String("seed", "before", "rows to seed: before (entered before the request) or all")
	format := fs.String("format", "text", "output: text or json")
	arg, err := parseOne(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	if err := checkFormat(fs, *format, "text", "json"); err != nil {
		return err
	}
	if err := checkFormat(fs, *seedWhat, "before", "all"); err != nil {
		return err
	}
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	if err := authorizeRepro(env, ef, e); err != nil {
		return err
	}
	cat, err := openCatalog(env, *contracts)
	if err != nil {
		return err
	}
	rp, err := repro.Run(env.Ctx, arg, repro.RunOptions{Env: e, Catalog: cat, Faults: *faults, SeedAll: *seedWhat == "all", Unlocked: true, AuditPath: e.Audit})
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

func runReproPromote(env *Env, args []string) error {
	fs := NewFlags(env, "repro promote", "repro promote DIR [--name NAME] [--contracts DIR] [--env E]")
	ef, contracts := AddEnvFlags(fs), ContractsFlag(fs)
	name := fs.String("name", "", "case name (default repro-<date>-<short hash>)")
	arg, err := parseOne(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	if e.Readonly {
		return errs.E("repro promote", errs.Refused, "environment %q is readonly: the clean replay promote needs runs elsewhere (default: sim)", e.Name)
	}
	p, err := repro.Promote(env.Ctx, arg, repro.PromoteOptions{Name: *name, Contracts: writableContracts(env, *contracts), Env: e, AuditPath: e.Audit})
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
