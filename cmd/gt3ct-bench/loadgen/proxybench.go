package loadgen

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/proxy"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/config"
)

// ProxyBench measures the checking proxy's added latency on loopback: the
// embedded simulator on a fresh SQLite file, one seeded taxpayer, its
// filing pre-check (HXZG_SB_00044) sent n times straight to the simulator
// and n times through a proxy with every check on, alternately.
func ProxyBench(ctx context.Context, cat *catalog.Catalog, n int) (LatencyReport, error) {
	dir, err := os.MkdirTemp("", "gt3ct-bench-proxy")
	if err != nil {
		return LatencyReport{}, err
	}
	defer os.RemoveAll(dir)
	env := config.Sim()
	env.DB, env.Audit = "sqlite:"+filepath.Join(dir, "core.db"), filepath.Join(dir, "audit.jsonl")
	t, err := target.Open(ctx, env, target.Options{Catalog: cat})
	if err != nil {
		return LatencyReport{}, err
	}
	defer t.Close()
	wire, err := preCheck(ctx, t, cat)
	if err != nil {
		return LatencyReport{}, err
	}
	p, err := proxy.New(proxy.Config{Upstream: t.Endpoint, Catalog: cat, DB: check.SQLQuerier{DB: t.DB},
		XSD: session.ValidateXSD, Env: env, Out: filepath.Join(dir, "out"), RunID: "bench-proxy"})
	if err != nil {
		return LatencyReport{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		p.Close()
		return LatencyReport{}, err
	}
	srv := &http.Server{Handler: p}
	go srv.Serve(ln)
	rep, err := ProxyLatency(ctx, t.Endpoint, "http://"+ln.Addr().String()+"/", wire, n)
	srv.Shutdown(context.WithoutCancel(ctx))
	return rep, errors.Join(err, p.Close())
}

// preCheck seeds one small-scale VAT taxpayer and renders its filing
// pre-check envelope.
func preCheck(ctx context.Context, t *target.Target, cat *catalog.Catalog) ([]byte, error) {
	tps, err := profile.Generate("xgm", 1, 1)
	if err != nil {
		return nil, err
	}
	if err := seed.Seed(ctx, t.DB, seed.NewLedger("bench-proxy"), tps); err != nil {
		return nil, err
	}
	svc, ok := cat.Lookup("HXZG_SB_00045")
	pre, ok2 := cat.Lookup("HXZG_SB_00044")
	if !ok || !ok2 || svc.Contract == nil {
		return nil, errors.New("bench proxy: the catalog lacks HXZG_SB_00044/00045")
	}
	text, err := svc.Contract.ReadFile("pre.xml")
	if err != nil {
		return nil, err
	}
	data := render.Merge(profile.Fields(tps[0]), map[string]string{"skssqq": "2025-04-01", "skssqz": "2025-06-30"})
	body, err := render.Render("pre.xml", string(text), data)
	if err != nil {
		return nil, err
	}
	wire, _ := envelope.Builder{}.Build(envelope.Request{TranID: pre.TranID, ChannelID: t.Env.ChannelID, Expand: t.Expand(), Body: body})
	return wire, nil
}
