package sim

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"
)

// ServiceInfo describes one service as the simulator needs it: the catalog
// passes one per known tran_id; Implemented lists the built-in ones.
type ServiceInfo struct {
	Code   string   // HXZG_SB_00045, or HXZG_SB_X0001 when provisional
	TranID string   // SWZJ.HXZG.SB.BCZZSXGMSB
	Name   string   // Chinese name
	Module string   // DJ RD SB ZS FP …
	Kind   string   // query save check init other
	Writes bool     // true when the service changes core data
	Fields []string // body fields the request carries (djxh, skssqq…)
}

// service is a built-in service: its description and its semantics.
type service struct {
	info ServiceInfo
	run  func(c *call) (*answer, error)
}

// call is one request being served by a built-in service.
type call struct {
	ctx  context.Context
	sim  *Sim
	req  *request
	bugs bugs
	now  time.Time
}

// info builds a ServiceInfo; the module comes from the code and a save kind
// writes.
func info(code, tranID, name, kind string, fields ...string) ServiceInfo {
	mod := ""
	if parts := strings.Split(code, "_"); len(parts) == 3 {
		mod = parts[1]
	}
	return ServiceInfo{Code: code, TranID: tranID, Name: name, Module: mod, Kind: kind,
		Writes: kind == "save", Fields: fields}
}

var (
	builtinOnce sync.Once
	builtinList []*service
)

// builtins is every service with real semantics, built once.
func builtins() []*service {
	builtinOnce.Do(func() {
		for _, group := range [][]*service{djServices(), rdServices(), filingServices(), sbServices(),
			zsServices(), fpServices()} {
			builtinList = append(builtinList, group...)
		}
		sort.Slice(builtinList, func(i, j int) bool { return builtinList[i].info.Code < builtinList[j].info.Code })
	})
	return builtinList
}

// Implemented returns the services with real semantics, sorted by code.
func Implemented() []ServiceInfo {
	var out []ServiceInfo
	for _, s := range builtins() {
		i := s.info
		i.Fields = append([]string(nil), i.Fields...)
		out = append(out, i)
	}
	return out
}
