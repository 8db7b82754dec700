package reports

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Follower reads a run's results.jsonl while the nightly appends to it, so
// that the reports at the end decode only the lines written since its last
// Poll instead of the whole file: a nightly waiting on its answers reads
// its results meanwhile. What it builds is what Read builds from the
// finished file (the same lineReader, a line taken only once its newline is
// there).
type Follower struct {
	mu   sync.Mutex
	dir  string
	f    *os.File
	rr   *lineReader
	part []byte // the bytes after the last newline read: a line being written
	err  error  // the first error; Run returns it
}

// Follow returns a Follower of dir's results.jsonl. Start polling it once
// the run directory is ready (a resumed run trims a torn last line first).
func Follow(dir string) *Follower {
	return &Follower{dir: dir, rr: newLineReader(filepath.Join(dir, ResultsFile), true)}
}

// Poll reads the complete lines appended since the last Poll. A file not
// there yet is read at a later Poll; an error is kept for Run.
func (fo *Follower) Poll() {
	fo.mu.Lock()
	defer fo.mu.Unlock()
	fo.err = errs.First(fo.err, fo.poll())
}

func (fo *Follower) poll() error {
	if fo.err != nil {
		return nil
	}
	if fo.f == nil {
		f, err := os.Open(fo.rr.name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return errs.E("report", errs.Input, "%v", err)
		}
		fo.f = f
	}
	data, err := io.ReadAll(fo.f) // what was appended since the last read
	if err != nil {
		return errs.E("report", errs.Input, "%v", err)
	}
	data = append(fo.part, data...)
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		if err := fo.rr.add(data[:i]); err != nil {
			return err
		}
		data = data[i+1:]
	}
	fo.part = append([]byte(nil), data...)
	if len(fo.part) > maxLine {
		return fo.rr.failed(bufio.ErrTooLong)
	}
	return nil
}

// Run reads what is left of the finished results.jsonl (its last line
// too, newline or not) and returns the Run that Read would return, or the
// first error met while following.
func (fo *Follower) Run() (*Run, error) {
	fo.Poll()
	fo.mu.Lock()
	defer fo.mu.Unlock()
	if fo.f != nil {
		defer fo.f.Close()
	}
	if fo.err == nil && fo.f == nil {
		return Read(fo.dir) // never opened: Read names what is missing
	}
	if fo.err == nil && len(fo.part) > 0 {
		fo.err = fo.rr.add(fo.part)
	}
	if fo.err != nil {
		return nil, fo.err
	}
	run := fo.rr.end()
	info, err := ReadRunInfo(fo.dir)
	if err != nil {
		return nil, err
	}
	sortResults(run.Results)
	run.Dir, run.Info = fo.dir, info
	return run, nil
}
