package coredb

import "fmt"

// sqliteCacheKiB is the page cache of each SQLite file on each connection.
// SQLite's default (2 MiB) times seven files times a pool of connections
// let a process's memory grow with the size of the database it filled.
const sqliteCacheKiB = 512

// cacheSizes are the PRAGMAs bounding the page cache of the main file and
// of every schema's file on a connection.
func cacheSizes() []string {
	out := []string{fmt.Sprintf("PRAGMA main.cache_size=-%d", sqliteCacheKiB)}
	for _, s := range Schemas {
		out = append(out, fmt.Sprintf("PRAGMA %s.cache_size=-%d", s, sqliteCacheKiB))
	}
	return out
}
