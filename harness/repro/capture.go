package repro

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// CaptureOptions say what to capture and where to write the bundle.
type CaptureOptions struct {
	Env     config.Environment
	DJXH    string
	Message []byte   // the logged request in any form envelope.Parse accepts; nil for none
	Tables  []string // nil: every core table with an owner column
	Out     string
	Catalog *catalog.Catalog
	Key     []byte // masking key; nil: a random one; kept in the bundle's KeyFile either way
	Force   bool   // replace an existing bundle at Out (else refused)
	Now     func() time.Time
	// Redactor scrubs secrets from the bundle; nil = the env's secrets.
	Redactor *safety.Redactor
}

// Capture reads the taxpayer's rows with SELECT only (OpenReadOnly), masks
// personal data consistently, replaces every identifier (DJXH, UUIDs,
// PZXHs, USCCs) by a stand-in, re-keys and masks the logged request the
// same way, and writes the bundle. The log lists the statements sent.
func Capture(ctx context.Context, o CaptureOptions) (*Meta, *StatementLog, error) {
	if o.Env.DB == "" {
		return nil, nil, errs.E("repro", errs.Input, "environment %q has no database to capture from", o.Env.Name)
	}
	if err := checkOut(o.Out, o.Force); err != nil {
		return nil, nil, err
	}
	var msg *envelope.Message
	var svc *catalog.Service
	if o.Message != nil {
		var err error
		if msg, svc, err = parseRequest(o.Message, o.Catalog); err != nil {
			return nil, nil, err
		}
	}
	db, log, err := OpenReadOnly(ctx, o.Env.DB, o.Env.DBPassword)
	if err != nil {
		return nil, nil, err
	}
	snap, err := captureRows(ctx, db, o.DJXH, o.Tables)
	db.Close()
	if err != nil {
		return nil, log, err
	}
	meta, err := writeBundle(o, snap, msg, svc)
	return meta, log, err
}

func captureRows(ctx context.Context, db *coredb.DB, djxh string, tables []string) (*snapshot.Snapshot, error) {
	snap, err := snapshot.Capture(ctx, db, djxh, tables)
	if err != nil {
		return nil, err
	}
	for _, tr := range snap.Tables {
		if tr.Table == "HX_DJ.DJ_NSRXX" && len(tr.Rows) == 0 {
			return nil, errs.E("repro", errs.Input, "no taxpayer with DJXH %s in %s", djxh, db.Source)
		}
	}
	return snap, nil
}

// parseRequest reads the logged message and finds its service.
func parseRequest(data []byte, cat *catalog.Catalog) (*envelope.Message, *catalog.Service, error) {
	msg, err := envelope.Parse(data)
	if err != nil {
		return nil, nil, errs.E("repro", errs.Input, "message: %s", envelope.Reason(err))
	}
	if msg.Kind != envelope.KindRequest {
		return nil, nil, errs.E("repro", errs.Input, "message is an answer (rtn_code %s), not the request", msg.Head.RtnCode)
	}
	if cat == nil {
		return nil, nil, errs.E("repro", errs.Internal, "no catalog")
	}
	svc, ok := cat.Lookup(msg.Head.TranID)
	if !ok {
		svc, ok = cat.Lookup(codeOfBodyType(msg.BodyType))
	}
	if !ok {
		return nil, nil, errs.E("repro", errs.Input, "message: tran_id %q (body %q) is not in the catalog", msg.Head.TranID, msg.BodyType)
	}
	return msg, svc, nil
}

// codeOfBodyType turns HXZGSB00045Request into HXZG_SB_00045.
func codeOfBodyType(t string) string {
	t = strings.TrimSuffix(t, "Request")
	if len(t) < 9 || !strings.HasPrefix(t, "HXZG") {
		return ""
	}
	return "HXZG_" + t[4:len(t)-5] + "_" + t[len(t)-5:]
}

// writeBundle masks and re-keys, then writes rows.json, message.xml,
// bundle.json, README.md and the masking key (replacing the folder).
func writeBundle(o CaptureOptions, snap *snapshot.Snapshot, msg *envelope.Message, svc *catalog.Service) (*Meta, error) {
	key, err := bundleKey(o.Key)
	if err != nil {
		return nil, err
	}
	if err := clearOut(o.Out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Out, 0o700); err != nil {
		return nil, errs.E("repro", errs.Input, "create %s: %v", o.Out, err)
	}
	if err := writeKey(o.Out, key); err != nil {
		return nil, err
	}
	m := safety.NewMasker(key)
	learnPII(m, snap)
	snap.Mask(m)
	keys := snap.FreshKeys(randomSeed())
	snap.Rekey(keys)
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	meta := newMeta(o, snap, now())
	if msg != nil {
		meta.Service, meta.TranID, meta.Name = svc.Code, svc.TranID, svc.Name
		meta.Message = &MessageInfo{TranSeq: msg.Head.TranSeq, TranDate: msg.Head.TranDate, TranTime: msg.Head.TranTime,
			BodyType: msg.BodyType, Encoding: msg.Encoding, SOAP: msg.SOAP}
		text := maskedMessage(m, msg, keys, redactorFor(o))
		if err := os.WriteFile(filepath.Join(o.Out, MessageFile), []byte(text), 0o600); err != nil {
			return nil, errs.E("repro", errs.Input, "write message: %v", err)
		}
	}
	if err := snap.Write(filepath.Join(o.Out, RowsFile)); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(o.Out, MetaFile), meta); err != nil {
		return nil, err
	}
	return meta, writeReadme(o.Out, meta)
}

func newMeta(o CaptureOptions, snap *snapshot.Snapshot, at time.Time) *Meta {
	meta := &Meta{Format: 1, DJXH: snap.DJXH, CapturedAt: at.UTC().Truncate(time.Second), Env: o.Env.Name,
		Rows: map[string]int{}, Masked: true}
	for _, tr := range snap.Tables {
		meta.Tables = append(meta.Tables, tr.Table)
		meta.Rows[tr.Table] = len(tr.Rows)
	}
	return meta
}

// learnPII teaches the masker every name and address of the snapshot, so
// they are masked wherever the message mentions them.
func learnPII(m *safety.Masker, snap *snapshot.Snapshot) {
	for _, tr := range snap.Tables {
		t, _ := coredb.Find(tr.Table)
		for _, c := range t.Columns {
			if c.PII != safety.ClassName && c.PII != safety.ClassAddress {
				continue
			}
			j := indexOf(tr.Columns, c.Name)
			for _, row := range tr.Rows {
				if j >= 0 && row[j] != nil {
					m.Learn(c.PII, *row[j])
				}
			}
		}
	}
}

// maskedMessage rebuilds the request with its body re-keyed and masked
// (every identifier too, other parties' USCCs included, except the
// stand-ins of the re-keying, which the replay maps to fresh ones), the
// original head kept except the channel credential, and secrets redacted.
func maskedMessage(m *safety.Masker, msg *envelope.Message, keys map[string]string, red *safety.Redactor) string {
	standIns := make(map[string]bool, len(keys))
	for _, v := range keys {
		standIns[v] = true
	}
	body := m.IdentifierRecord(standIns).XML(rekeyText(msg.Body, keys))
	var expand []envelope.Pair
	for _, p := range msg.Head.Expand {
		if !strings.EqualFold(p.Name, "identityType") {
			expand = append(expand, p)
		}
	}
	sent, err := time.Parse("20060102150405", msg.Head.TranDate+padTime(msg.Head.TranTime))
	if err != nil {
		sent = time.Now()
	}
	b := envelope.Builder{Now: func() time.Time { return sent }, Seq: func() string { return msg.Head.TranSeq }}
	wire, _ := b.Build(envelope.Request{TranID: msg.Head.TranID, ChannelID: msg.Head.ChannelID, Expand: expand, Body: body})
	return red.Redact(string(wire))
}

// redactorFor is the capture's redactor: the one given, else one that
// knows the environment's secrets.
func redactorFor(o CaptureOptions) *safety.Redactor {
	if o.Redactor != nil {
		return o.Redactor
	}
	return safety.NewRedactor(o.Env.Secrets()...)
}

// rekeyText replaces every old identifier in s with its new value.
func rekeyText(s string, keys map[string]string) string {
	olds := make([]string, 0, len(keys))
	for old := range keys {
		olds = append(olds, old)
	}
	sort.Slice(olds, func(i, j int) bool { // longest first, then stable
		if len(olds[i]) != len(olds[j]) {
			return len(olds[i]) > len(olds[j])
		}
		return olds[i] < olds[j]
	})
	pairs := make([]string, 0, 2*len(keys))
	for _, old := range olds {
		pairs = append(pairs, old, keys[old])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

func randomSeed() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return time.Now().UnixNano()
	}
	return int64(binary.BigEndian.Uint64(b[:]) >> 1)
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}
