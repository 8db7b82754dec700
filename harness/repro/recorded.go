package repro

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// ExchangesDir is the folder of a proxy run (gt3ct proxy --out DIR) that
// keeps each exchange's messages, masked, by tran_seq.
const ExchangesDir = "exchanges"

// RequestFile is the name of an exchange's request under ExchangesDir.
func RequestFile(tranSeq string) string { return tranSeq + ".req.xml" }

// AnswerFile is the name of an exchange's answer under ExchangesDir.
func AnswerFile(tranSeq string) string { return tranSeq + ".ans.xml" }

// Exchange is an exchange the proxy recorded: its Result and its request,
// ready to become a bundle's message (CaptureOptions.Message) for the
// taxpayer DJXH named in it.
type Exchange struct {
	Result  result.Result
	Message []byte // the request as recorded (masked)
	DJXH    string // the request body's djxh ("" when it has none)
}

// RecordedExchange finds the exchange with tran_seq seq in a proxy run
// folder: `gt3ct repro capture --from DIR --tran-seq SEQ`.
func RecordedExchange(dir, seq string) (*Exchange, error) {
	ex := &Exchange{}
	found, err := findResult(filepath.Join(dir, "results.jsonl"), seq, &ex.Result)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errs.E("repro", errs.Input, "%s: no exchange with tran_seq %s", dir, seq)
	}
	path := filepath.Join(dir, ExchangesDir, RequestFile(seq))
	if ex.Message, err = os.ReadFile(path); err != nil {
		return nil, errs.E("repro", errs.Input, "%s: the request of %s was not kept: %v", dir, seq, err)
	}
	msg, err := envelope.Parse(ex.Message)
	if err != nil {
		return nil, errs.At("repro", errs.Input, path, "%s", envelope.Reason(err))
	}
	if tree, err := check.ParseXML(msg.Body); err == nil {
		ex.DJXH = check.LeafValues(tree)["djxh"]
	}
	return ex, nil
}

// findResult reads the last Result with tran_seq seq from results.jsonl.
func findResult(path, seq string, out *result.Result) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, errs.E("repro", errs.Input, "%s is not a proxy run folder: %v", filepath.Dir(path), err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	found := false
	for sc.Scan() {
		var r result.Result
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.TranSeq == seq {
			*out, found = r, true
		}
	}
	return found, sc.Err()
}
