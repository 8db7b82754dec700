package catalog

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"gopkg.in/yaml.v3"
)

// oldStrict is how contracts were decoded before: a second, strict decode
// of the bytes, then a yaml.Node pass for the lines. decodeContract must agree with it on results and errors.
func oldStrict(data []byte) (*Contract, error) {
	ct := &Contract{Dir: "services/HXZG_FP_10016", Origin: "contracts"}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(ct); err != nil {
		return nil, yamlError(ct, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err == nil {
		setLines(ct, &root)
	}
	return ct, nil
}

func newStrict(data []byte) (*Contract, error) {
	ct := &Contract{Dir: "services/HXZG_FP_10016", Origin: "contracts"}
	if err := decodeContract(ct, data); err != nil {
		return nil, err
	}
	return ct, nil
}

func TestDecodeStrictAgreesWithKnownFields(t *testing.T) {
	type testCase struct {
		name, yaml string
		wantErr    bool
	}
	run := func(t *testing.T, tc testCase) {
		want, werr := oldStrict([]byte(tc.yaml))
		got, gerr := newStrict([]byte(tc.yaml))
		assert.Equal(t, tc.wantErr, werr != nil, "old decoder error: %v", werr)
		if werr != nil {
			assert.EqualError(t, gerr, werr.Error())
			return
		}
		assert.NoError(t, gerr)
		assert.Equal(t, want, got)
	}
	steps := "code: X\ncases:\n  - name: a\n    vars: {anything: 1, goes: here}\n    steps:\n      - service: S\n        save: {pzxh: //pzxh}\n        expect:\n          compare: {file: a.xml, ignore: [//x]}\n          xpath:\n            - {path: /taxML, count: 2}\n        db:\n          - name: r\n            rows: [{A: 1}]\n"
	for _, tc := range []testCase{
		{name: "good", yaml: goodContract},
		{name: "good with steps and maps", yaml: steps},
		{name: "unknown at top", yaml: "code: X\ncodes: Y\ncases: []\n", wantErr: true},
		{name: "unknown in xpath", yaml: goodContract + "        - pth: /x\n", wantErr: true},
		{name: "unknown deep in steps", yaml: steps + "            bogus: 1\n", wantErr: true},
		{name: "unknown in compare", yaml: "code: X\ncases:\n  - name: a\n    expect:\n      compare: {file: a, ignor: []}\n", wantErr: true},
		{name: "two unknowns and a type error", yaml: "code: X\nnope: 1\ncases:\n  - name: [a]\n    line: 3\n", wantErr: true},
		{name: "type error alone", yaml: "code: [X]\ncases: []\n", wantErr: true},
		{name: "ignored field name", yaml: "code: X\nDir: elsewhere\n", wantErr: true},
		{name: "merge key", yaml: "base: &b {name: a, bogus: 1}\n", wantErr: true},
		{name: "merge into case", yaml: "code: X\ncases:\n  - &c {name: a}\n  - <<: *c\n    request: r.xml\n"},
		{name: "merge brings unknown", yaml: "code: X\nx: &c {name: a, nosuch: 1}\ncases:\n  - <<: *c\n", wantErr: true},
		{name: "alias to unknown", yaml: "code: X\ncases:\n  - &c {name: a, zz: 1}\n  - *c\n", wantErr: true},
		{name: "scalar where mapping", yaml: "code: X\ncases:\n  - just a string\n", wantErr: true},
		{name: "empty", yaml: "", wantErr: true},
		{name: "comments only", yaml: "# nothing\n", wantErr: true},
		{name: "syntax", yaml: "code: X\ncases: [\n", wantErr: true},
		{name: "second document ignored", yaml: "code: X\n---\nbogus: 1\n"},
		{name: "null document", yaml: "~\n"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
