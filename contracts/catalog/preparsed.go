package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/gt3ct/gt3ct/contracts"
)

// The preparsed form of the embedded contracts is written when the binary
// is built (contracts/preparsed.jsonl, refreshed by `go test
// ./contracts/catalog -run TestPreparsedIsCurrent -update`): yaml.v3
// parsing 133 contracts was most of every command's start. Its first line
// is the digest of the contract files it was made from (contractsHash), and
// it is used only while that matches the files the binary embeds, so a
// stale form costs speed, never a wrong contract. Each further line is one
// contract as JSON (not gob: gob drops a pointer to false), FS and Origin
// cleared, decoded on all CPUs.

// contractsHash digests every services/*/contract.yaml of fsys, names and
// bytes, in folder order.
func contractsHash(fsys fs.FS) (string, error) {
	dirs, err := fs.ReadDir(fsys, ServicesDir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(ServicesDir, d.Name(), ContractFile))
		if err != nil {
			return "", err
		}
		h.Write([]byte(d.Name() + "\n" + strconv.Itoa(len(data)) + "\n"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// encodePreparsed is the preparsed form of the contracts of fsys, all of
// which must parse.
func encodePreparsed(fsys fs.FS) ([]byte, error) {
	hash, err := contractsHash(fsys)
	if err != nil {
		return nil, err
	}
	lines := [][]byte{[]byte(hash)}
	for _, ps := range parseAll(fsys, "") {
		if ps.err != nil {
			return nil, ps.err
		}
		ct := *ps.ct
		ct.FS, ct.Origin = nil, ""
		b, err := json.Marshal(&ct)
		if err != nil {
			return nil, err
		}
		lines = append(lines, b)
	}
	return append(bytes.Join(lines, []byte("\n")), '\n'), nil
}

// embeddedContracts is the contracts of fsys taken from the preparsed form
// of the embedded ones, and checked (codes, templates, XPaths) against fsys
// as a parse checks them; ok is false unless fsys holds exactly the
// contract files that form was made from.
func embeddedContracts(fsys fs.FS, origin string) (out []parsed, ok bool) {
	blob := contracts.Preparsed()
	if len(blob) == 0 {
		return nil, false
	}
	hash, err := contractsHash(fsys)
	if err != nil {
		return nil, false
	}
	lines := bytes.Split(bytes.TrimSuffix(blob, []byte("\n")), []byte("\n"))
	if string(lines[0]) != hash {
		return nil, false
	}
	lines = lines[1:]
	out = make([]parsed, len(lines))
	var unread atomic.Bool // a line that does not decode: parse the YAML instead
	inParallel(len(out), func(i int) {
		ct := &Contract{}
		if err := json.Unmarshal(lines[i], ct); err != nil {
			unread.Store(true)
			return
		}
		ct.FS, ct.Origin = fsys, origin
		out[i] = parsed{code: path.Base(ct.Dir), ct: ct}
		if out[i].err = ct.check(); out[i].err != nil {
			out[i].ct = nil
		}
	})
	return out, !unread.Load()
}
