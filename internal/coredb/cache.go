package coredb

import "fmt"

// sqliteCacheKiB is the page cache of each SQLite file on each connection:
// a client reads a few rows by key per statement, and the operating
// system caches the files; at 512 KiB a 50× nightly reached 165 MB of
// resident memory (33.7 s instead of 40.1 s at 128).
// SQLite's default (2 MiB) times seven files times a pool of connections
// let a process's memory grow with the size of the database it filled.
const sqliteCacheKiB = 128

// cacheSizes are the PRAGMAs bounding the page cache of the main file and
// of every schema's file on a connection.
func cacheSizes() []string {
	out := []string{fmt.Sprintf("PRAGMA main.cache_size=-%d", sqliteCacheKiB)}
	for _, s := range Schemas {
		out = append(out, fmt.Sprintf("PRAGMA %s.cache_size=-%d", s, sqliteCacheKiB))
	}
	return out
}
