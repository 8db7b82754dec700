package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Formats accepted by Render (and `gt3ct report --format`).
var Formats = []string{"text", "json", "html", "junit"}

// Report is a run read from disk, its baseline (nil when none) and what is
// derived from them.
type Report struct {
	Run      *Run
	Baseline *Run
	Diff     Diff
	Summary  *Summary
}

// Build reads dir (and baselineDir unless it is "") and computes the
// summary; now stamps generated_at.
func Build(dir, baselineDir string, now func() time.Time) (*Report, error) {
	run, err := Read(dir)
	if err != nil {
		return nil, err
	}
	var base *Run
	if baselineDir != "" {
		if base, err = Read(baselineDir); err != nil {
			return nil, err
		}
	}
	return NewReport(run, base, now()), nil
}

// NewReport derives the diff and summary of run against base (may be nil).
func NewReport(run, base *Run, now time.Time) *Report {
	d := Compare(run, base)
	return &Report{Run: run, Baseline: base, Diff: d, Summary: Summarize(run, d, now)}
}

// WriteAll reads dir, compares it with baselineDir (when not ""), writes
// summary.json, junit.xml and report.html into dir and returns the summary.
// The nightly calls it at the end of a run.
func WriteAll(dir, baselineDir string, now func() time.Time) (*Summary, error) {
	rep, err := Build(dir, baselineDir, now)
	if err != nil {
		return nil, err
	}
	if err := rep.WriteFiles(); err != nil {
		return nil, err
	}
	return rep.Summary, nil
}

// WriteFiles writes summary.json, junit.xml and report.html into the run's
// directory, each replaced atomically.
func (rep *Report) WriteFiles() error {
	for _, name := range []string{SummaryFile, JUnitFile, HTMLFile} {
		var buf bytes.Buffer
		if err := rep.render(&buf, name); err != nil {
			return errs.E("report", errs.Internal, "%s: %v", name, err)
		}
		if err := writeFileAtomic(filepath.Join(rep.Run.Dir, name), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// Render writes one format (text, json, html, junit) to w.
func (rep *Report) Render(w io.Writer, format string) error {
	files := map[string]string{"json": SummaryFile, "junit": JUnitFile, "html": HTMLFile}
	if format == "text" {
		return WriteText(w, rep.Run, rep.Summary)
	}
	name, ok := files[format]
	if !ok {
		return errs.E("report", errs.Input, "unknown format %q (want text, json, html or junit)", format)
	}
	return rep.render(w, name)
}

func (rep *Report) render(w io.Writer, file string) error {
	switch file {
	case SummaryFile:
		_, err := w.Write(rep.Summary.JSON())
		return err
	case JUnitFile:
		return WriteJUnit(w, rep.Run)
	case HTMLFile:
		return WriteHTML(w, rep.Run, rep.Summary)
	}
	return fmt.Errorf("no renderer for %s", file)
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// over path, so a reader never sees half a report.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return errs.E("report", errs.Input, "%v", err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return errs.E("report", errs.Input, "write %s: %v", path, werr)
	}
	return nil
}
