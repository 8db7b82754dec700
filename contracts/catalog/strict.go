package catalog

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// decodeStrict decodes a parsed YAML document into out (a pointer) and
// reports keys that name no field, as yaml.v3's Decoder.KnownFields(true)
// does, with the same messages ("line 7: field xpth not found in type
// catalog.XPathAssert"). It lets a contract be parsed once into a node tree
// that also gives the line numbers, instead of decoding the bytes twice.
func decodeStrict(root *yaml.Node, out any) error {
	var msgs []lineMsg
	unknownFields(root, reflect.TypeOf(out), &msgs)
	err := root.Decode(out)
	if len(msgs) == 0 {
		return err
	}
	if te, ok := err.(*yaml.TypeError); ok {
		for _, m := range te.Errors {
			msgs = append(msgs, lineMsg{lineOf(m), m})
		}
	} else if err != nil {
		return err
	}
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].line < msgs[j].line })
	te := &yaml.TypeError{}
	for _, m := range msgs {
		te.Errors = append(te.Errors, m.msg)
	}
	return te
}

type lineMsg struct {
	line int
	msg  string
}

// lineOf reads N from a yaml.v3 message "line N: …" (0 when there is none).
func lineOf(msg string) int {
	if g := yamlLine.FindStringSubmatch(msg); g != nil {
		return atoi(g[1])
	}
	return 0
}

// unknownFields walks n along type t the way the decoder does and records
// every mapping key that is not a field of the struct it decodes into.
func unknownFields(n *yaml.Node, t reflect.Type, out *[]lineMsg) {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n == nil {
		return
	}
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			unknownFields(c, t, out)
		}
		return
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		structFields(n, t, out)
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			unknownFields(c, t.Elem(), out)
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			unknownFields(n.Content[i], t.Elem(), out)
		}
	}
}

// structFields checks the keys of mapping n against struct t; merge keys
// (<<: *base) bring their mappings' keys in, as the decoder does.
func structFields(n *yaml.Node, t reflect.Type, out *[]lineMsg) {
	fields := fieldsOf(t)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge" {
			unknownFields(v, t, out) // a mapping, an alias or a sequence of them
			continue
		}
		ft, ok := fields[k.Value]
		if !ok {
			*out = append(*out, lineMsg{k.Line, fmt.Sprintf("line %d: field %s not found in type %s", k.Line, k.Value, t)})
			continue
		}
		unknownFields(v, ft, out)
	}
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// fieldsOf maps the YAML keys of struct t to their field types: the tag's
// name, else the lower-cased field name; "-" and unexported fields are not
// keys; ",inline" structs lend their keys.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case f.PkgPath != "" && !f.Anonymous, tag == "-":
			continue
		case strings.Contains(","+opts+",", ",inline,") && f.Type.Kind() == reflect.Struct:
			for k, v := range fieldsOf(f.Type) {
				m[k] = v
			}
			continue
		case name == "":
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}
