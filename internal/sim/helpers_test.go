package sim

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// Test taxpayer: a 小规模 taxpayer with VAT and the three surcharges (plus the
// items the other forms file), a valid agreement and one invoice type.
const (
	tDJXH   = "10114501000000000001"
	tNSRSBH = "91450100MA5L000001"
	tNSRMC  = "南宁市青秀区测试商贸有限责任公司第一分公司"
	tSFXYH  = "4501000000001"
)

// dialects lists the databases the suite runs on: SQLite always, PostgreSQL
// when GT3CT_PG_DSN is set.
func dialects() []string {
	out := []string{"sqlite"}
	if os.Getenv("GT3CT_PG_DSN") != "" {
		out = append(out, "postgres")
	}
	return out
}

// forEachDB runs fn once per dialect with a fresh, seeded core database.
func forEachDB(t *testing.T, fn func(t *testing.T, db *coredb.DB)) {
	for _, d := range dialects() {
		t.Run(d, func(t *testing.T) { fn(t, newDB(t, d)) })
	}
}

// newDB opens an empty core database: a SQLite file in a temp dir, or a
// fresh PostgreSQL database dropped at the end of the test.
func newDB(t testing.TB, dialect string) *coredb.DB {
	t.Helper()
	ctx := context.Background()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "core.db")
	if dialect == "postgres" {
		admin, err := coredb.Open(ctx, os.Getenv("GT3CT_PG_DSN"))
		require.NoError(t, err)
		var b [6]byte
		rand.Read(b[:])
		name := "gt3ct_sim_" + hex.EncodeToString(b[:])
		_, err = admin.ExecContext(ctx, "CREATE DATABASE "+name)
		require.NoError(t, err)
		u, err := url.Parse(os.Getenv("GT3CT_PG_DSN"))
		require.NoError(t, err)
		u.Path = "/" + name
		dsn = u.String()
		t.Cleanup(func() {
			admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			admin.Close()
		})
	}
	db, err := coredb.Open(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	require.NoError(t, db.CreateSchema(ctx))
	seedTaxpayer(t, db)
	return db
}

// seedTaxpayer inserts the test taxpayer with plain SQL.
func seedTaxpayer(t testing.TB, db *coredb.DB) {
	t.Helper()
	ctx := context.Background()
	stmts := []struct {
		table string
		row   map[string]any
	}{
		{"HX_DJ.DJ_NSRXX", map[string]any{"DJXH": tDJXH, "NSRSBH": tNSRSBH, "SHXYDM": tNSRSBH, "NSRMC": tNSRMC,
			"NSRZT_DM": "03", "HY_DM": "5212", "DJZCLX_DM": "173", "ZGSWJ_DM": "14501030000", "ZGSWSKFJ_DM": "14501030100",
			"FDDBRXM": "张三", "FDDBRSFZJHM": "450103198001010011", "DJRQ": "2020-01-01"}},
		{"HX_DJ.DJ_NSRXX_KZ", map[string]any{"DJXH": tDJXH, "JYFW": "日用百货零售", "ZCZB": "1000000.00", "CYRS": 12}},
		{"HX_RD.RD_NSRZG", map[string]any{"ZGUUID": strings.Repeat("A", 32), "DJXH": tDJXH, "NSRZGLX_DM": "201",
			"YXQQ": "2020-01-01", "YXQZ": "9999-12-31"}},
		{"HX_ZS.ZS_SKY_SFXY", map[string]any{"SFXYUUID": strings.Repeat("B", 32), "DJXH": tDJXH, "SFXYH": tSFXYH,
			"KHYHHH": "102611000011", "YHMC": "中国工商银行南宁分行", "JKZH": "6222020000000000001", "JKZHMC": tNSRMC,
			"QSYHHH": "102611000011", "YXBZ": "Y", "YXQQ": "2020-01-01", "YXQZ": "9999-12-31"}},
		{"HX_FP.FP_PZHDXX", map[string]any{"HDUUID": strings.Repeat("C", 32), "DJXH": tDJXH, "FPZL_DM": "026",
			"MYZGKPXE": "100000.00", "MYZGLGSL": 50, "YXBZ": "Y"}},
	}
	items := [][3]string{{"10101", "101014001", "0.03"}, {"10109", "101090101", "0.07"}, {"30203", "302030100", "0.03"},
		{"30216", "302160100", "0.02"}, {"10102", "101020101", "0.10"}, {"10110", "101100100", "0.012"},
		{"10111", "101110101", "0.0003"}, {"10112", "101120101", "1.50"}}
	for i, it := range items {
		stmts = append(stmts, struct {
			table string
			row   map[string]any
		}{"HX_RD.RD_SFZRDXXB", map[string]any{"RDPZUUID": fmt.Sprintf("%032X", i+1), "DJXH": tDJXH, "ZSXM_DM": it[0],
			"ZSPM_DM": it[1], "SL_1": it[2], "NSQX_DM": "08", "RDYXQQ": "2020-01-01", "RDYXQZ": "9999-12-31", "YXBZ": "Y"}})
	}
	for _, s := range stmts {
		require.NoError(t, insert(ctx, db, s.table, s.row), s.table)
	}
}

// newSim builds a simulator over db with the given faults.
func newSim(t testing.TB, db *coredb.DB, faults string, catalog ...ServiceInfo) *Sim {
	t.Helper()
	s, err := New(Config{DB: db, Catalog: catalog, Faults: faults, Seed: 1})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

// serve starts s in-process and returns its URL.
func serve(t testing.TB, s *Sim) string {
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv.URL
}

// seqN makes a 32-character tran_seq from a label.
func seqN(label string) string {
	return fmt.Sprintf("%032s", strings.ReplaceAll(label, " ", "0"))[:32]
}

// envelopeFor wraps a taxML body in a request envelope (SOAP when soap).
func envelopeFor(tranID, seq, body string, soap bool) string {
	env := `<?xml version="1.0" encoding="UTF-8"?><service xmlns="http://www.chinatax.gov.cn/spec/"><head>` +
		el("tran_id", tranID) + el("channel_id", "GX.DZSWJ.TEST") + el("tran_seq", seq) +
		el("tran_date", "20261128") + el("tran_time", "093015123") +
		`<expand><name>sjjg</name><value>14501000000</value></expand></head><body>` + cdata(body) + `</body></service>`
	if soap {
		return soapWrap(env, "UTF-8")
	}
	return env
}

// taxML renders a request body with the given inner XML.
func taxML(typ, inner string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><taxML xsi:type="` + typ + `" bbh="" xmlbh="" xmlmc="" ` +
		`xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` + inner + `</taxML>`
}

// reply is a decoded answer.
type reply struct {
	Status  int
	Raw     []byte
	RtnCode string
	Code    string
	Reason  string
	Head    *etree.Element
	Body    *etree.Element // taxML root, nil when empty
}

// get returns the text of the first element matching path in the body.
func (r *reply) get(path string) string {
	if r.Body == nil {
		return ""
	}
	if e := r.Body.FindElement(path); e != nil {
		return e.Text()
	}
	return ""
}

func (r *reply) count(path string) int {
	if r.Body == nil {
		return 0
	}
	return len(r.Body.FindElements(path))
}

// post sends raw bytes and decodes the answer (bare or SOAP).
func post(t *testing.T, client *http.Client, base, payload string) *reply {
	t.Helper()
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Post(base, "text/xml; charset=UTF-8", bytes.NewBufferString(payload))
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	r := &reply{Status: resp.StatusCode, Raw: raw}
	if resp.StatusCode != http.StatusOK {
		return r
	}
	root, err := parseDoc(raw)
	require.NoError(t, err, "answer must be XML: %s", raw)
	if root.Tag == "Envelope" {
		root, err = unwrapSOAP(root)
		require.NoError(t, err)
	}
	r.Head = root.SelectElement("head")
	r.RtnCode = r.Head.SelectElement("rtn_code").Text()
	r.Code = r.Head.FindElement("rtn_msg/Code").Text()
	r.Reason = r.Head.FindElement("rtn_msg/Reason").Text()
	body := &request{}
	require.NoError(t, body.readBody(root.SelectElement("body").Text()))
	r.Body = body.Body
	return r
}

// call sends one service request over HTTP and decodes the answer.
func callSim(t *testing.T, base, tranID, seq, inner string) *reply {
	t.Helper()
	return post(t, nil, base, envelopeFor(tranID, seq, taxML("Request", inner), false))
}

// count returns the number of rows of a query.
func countRows(t *testing.T, db *coredb.DB, query string, args ...any) int {
	t.Helper()
	rs, err := rows(context.Background(), db, query, args...)
	require.NoError(t, err)
	return len(rs)
}

// one returns the single row of a query.
func one(t *testing.T, db *coredb.DB, query string, args ...any) map[string]string {
	t.Helper()
	rs, err := rows(context.Background(), db, query, args...)
	require.NoError(t, err)
	require.Len(t, rs, 1, query)
	return rs[0]
}
