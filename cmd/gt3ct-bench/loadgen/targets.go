package loadgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gt3ct/gt3ct/harness/envelope"
)

// Target file names written next to the recorded requests.
const (
	VegetaFile  = "targets.txt"
	PostmanFile = "collection.json"
)

// WriteTargets writes, for the requests recorded in dir, a vegeta targets
// file (HTTP format, one @body file per request) and a Postman v2.1
// collection whose requests each assert HTTP 200 and a successful rtn_code.
func WriteTargets(dir, url string) error {
	files, err := Files(dir)
	if err != nil {
		return err
	}
	var vt bytes.Buffer
	col := collection{Info: info{Name: "gt3ct bench", Schema: postmanSchema}}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return err
		}
		body, err := os.ReadFile(abs)
		if err != nil {
			return err
		}
		ctype := contentType(body)
		fmt.Fprintf(&vt, "POST %s\nContent-Type: %s\n@%s\n\n", url, ctype, abs)
		col.Item = append(col.Item, item(filepath.Base(f), url, ctype, string(body)))
	}
	if err := os.WriteFile(filepath.Join(dir, VegetaFile), vt.Bytes(), 0o644); err != nil {
		return err
	}
	b, err := json.MarshalIndent(col, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, PostmanFile), b, 0o644)
}

// contentType is the header gt3ct's transport sends for a plain POST.
func contentType(env []byte) string {
	cs := envelope.DeclaredEncoding(env)
	if cs == "" {
		cs = "UTF-8"
	}
	return "text/xml; charset=" + cs
}

const postmanSchema = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

// testScript is the two assertions newman runs on every answer.
var testScript = []string{
	`pm.test("status 200", function () { pm.response.to.have.status(200); });`,
	`pm.test("rtn_code 0", function () { pm.expect(pm.response.text()).to.include("` + OKCode + `"); });`,
}

type collection struct {
	Info info          `json:"info"`
	Item []postmanItem `json:"item"`
}

type info struct {
	Name   string `json:"name"`
	Schema string `json:"schema"`
}

type postmanItem struct {
	Name    string  `json:"name"`
	Request request `json:"request"`
	Event   []event `json:"event"`
}

type request struct {
	Method string      `json:"method"`
	URL    string      `json:"url"`
	Header []kv        `json:"header"`
	Body   requestBody `json:"body"`
}

type kv struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type requestBody struct {
	Mode string `json:"mode"`
	Raw  string `json:"raw"`
}

type event struct {
	Listen string `json:"listen"`
	Script script `json:"script"`
}

type script struct {
	Type string   `json:"type"`
	Exec []string `json:"exec"`
}

func item(name, url, ctype, body string) postmanItem {
	return postmanItem{
		Name: name,
		Request: request{Method: "POST", URL: url, Header: []kv{{"Content-Type", ctype}},
			Body: requestBody{Mode: "raw", Raw: body}},
		Event: []event{{Listen: "test", Script: script{Type: "text/javascript", Exec: testScript}}},
	}
}
