package safety

import (
	"bytes"
	"io"
	"sync"
)

// maxPending is the longest unfinished line a LineFilter holds back before
// it filters and passes it on anyway.
const maxPending = 1 << 20

// LineFilter is an io.Writer that passes whole lines through a filter
// function (redaction, masking) before writing them to the underlying
// writer. A line split across Write calls is filtered once it is complete,
// so a secret split across writes is still caught. It is safe for
// concurrent use.
type LineFilter struct {
	mu      sync.Mutex
	w       io.Writer
	filter  func(string) string
	pending []byte
}

// NewLineFilter returns a LineFilter writing filter(line) to w.
func NewLineFilter(w io.Writer, filter func(string) string) *LineFilter {
	return &LineFilter{w: w, filter: filter}
}

// Write filters and writes every complete line in p, keeping the rest for
// the next call. It reports len(p) on success.
func (f *LineFilter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pending = append(f.pending, p...)
	cut := bytes.LastIndexAny(f.pending, "\n\r") + 1 // a progress bar ends its lines with \r
	if cut == 0 && len(f.pending) < maxPending {
		return len(p), nil
	}
	if cut == 0 {
		cut = len(f.pending)
	}
	if err := f.emit(f.pending[:cut]); err != nil {
		return 0, err
	}
	f.pending = append(f.pending[:0], f.pending[cut:]...)
	return len(p), nil
}

func (f *LineFilter) emit(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	_, err := io.WriteString(f.w, f.filter(string(b)))
	return err
}

// Flush filters and writes an unfinished last line.
func (f *LineFilter) Flush() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.emit(f.pending)
	f.pending = f.pending[:0]
	return err
}

// Close flushes, then closes the underlying writer if it is an io.Closer.
func (f *LineFilter) Close() error {
	err := f.Flush()
	if c, ok := f.w.(io.Closer); ok {
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
