// Package contracts embeds the catalog of HXZG services (catalog.tsv) and
// the hand-written contracts (services/<CODE>/contract.yaml and templates),
// so a gt3ct binary carries them wherever it runs. The loader lives in
// package catalog; catalog.Open prefers a folder on disk when there is one.
package contracts

import (
	"embed"
	"io/fs"
)

//go:embed catalog.tsv services spec.yaml reconcile bindings.yaml
var files embed.FS

//go:embed preparsed.jsonl
var preparsed []byte

// FS returns the embedded contracts tree: catalog.tsv, spec.yaml and
// bindings.yaml (the binding table of generated contracts) at the root,
// the services and reconcile folders beside them.
func FS() fs.FS { return files }

// Preparsed is the embedded contracts as package catalog parsed them when
// the binary was built (see catalog's preparsed form).
func Preparsed() []byte { return preparsed }
