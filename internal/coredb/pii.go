package coredb

import (
	"strings"
	"sync"
)

var (
	piiOnce    sync.Once
	piiColumns map[string]string // upper-case column name -> masking class
)

// PIIClass returns the masking class of a column holding personal data
// (name, id, phone, account, address), looked up by its name in any table
// of the schema; "" for every other column.
func PIIClass(column string) string {
	piiOnce.Do(func() {
		piiColumns = map[string]string{}
		for _, t := range Tables {
			for _, c := range t.Columns {
				if c.PII != "" {
					piiColumns[c.Name] = c.PII
				}
			}
		}
	})
	if c, ok := piiColumns[column]; ok {
		return c
	}
	return piiColumns[strings.ToUpper(column)]
}
