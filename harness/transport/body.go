package transport

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// readBody reads an answer body of at most limit bytes into one buffer: of
// its announced length when the server sends one (a 100 MB answer is read
// into 100 MB, not grown by doubling through 128 MB and its copies). A
// larger body, announced or found, is an error naming the limit.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength) + bytes.MinRead) // ReadFrom wants room to see the end
	}
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if n > limit {
		return nil, tooLarge(limit)
	}
	return buf.Bytes(), nil
}

func tooLarge(limit int64) error {
	if limit%(1<<20) == 0 {
		return fmt.Errorf("answer larger than %d MiB (max_answer)", limit>>20)
	}
	return fmt.Errorf("answer larger than %d bytes (max_answer)", limit)
}
