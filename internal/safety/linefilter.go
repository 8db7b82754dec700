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
	if len(f.pending) == 0 {
		return f.direct(p)
	}
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
	if cap(f.pending) > 4*maxPending { // a huge line passed: do not keep its buffer
		f.pending = append([]byte(nil), f.pending...)
	}
	return len(p), nil
}

// direct is Write with nothing held back: p's complete lines are filtered
// where they are, without a copy into pending first (a 100 MB body printed
// in one write took two more copies of itself).
func (f *LineFilter) direct(p []byte) (int, error) {
	cut := bytes.LastIndexAny(p, "\n\r") + 1
	if cut == 0 && len(p) >= maxPending {
		cut = len(p)
	}
	if err := f.emit(p[:cut]); err != nil {
		return 0, err
	}
	f.pending = append(f.pending, p[cut:]...)
	return len(p), nil
}

func (f *LineFilter) emit(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	s := f.filter(string(b))
	if s == string(b) { // nothing filtered out: write the bytes, not a copy of the string
		_, err := f.w.Write(b)
		return err
	}
	_, err := io.WriteString(f.w, s)
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
