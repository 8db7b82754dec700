package reports

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Formats accepted by Render (and `gt3ct report --format`).
var Formats = []string{"text", "json", "html", "junit"}

// Report is a run read from disk, its baseline (nil when none, or when the
// comparison was taken from baseline.json) and what is derived from them.
type Report struct {
	Run      *Run
	Baseline *Run
	Diff     Diff
	Summary  *Summary
	opts     Options
}

// Options say how to build a run's reports.
type Options struct {
	// Baseline is the run directory to compare with. "" uses the baseline
	// recorded in the run directory's baseline.json, if any: re-read when
	// it is still there, else its stored comparison.
	Baseline string
	// Partial marks the run as not run to its end (an interrupted nightly,
	// `report merge --partial` with shards missing). Without it, a run is
	// partial when its run.json says so (state running or partial).
	Partial bool
	// Wall is the wall time of the whole command (0: unknown; a rebuild
	// keeps the one run.json recorded).
	Wall time.Duration
	// Now stamps generated_at (nil: time.Now).
	Now func() time.Time
	// Follower, when set, gives the run's results (read while the nightly
	// ran) instead of reading its results.jsonl again.
	Follower *Follower

	finishing bool // Finish: the run's end is being recorded, run.json's state is stale
}

// Build reads dir (and baselineDir unless it is "") and computes the
// summary; now stamps generated_at. It is Load with only those options.
func Build(dir, baselineDir string, now func() time.Time) (*Report, error) {
	return Load(dir, Options{Baseline: baselineDir, Now: now})
}

// Load reads dir, compares it with its baseline (Options.Baseline, else
// the one baseline.json records) and computes the summary. It writes
// nothing: `report DIR --format X` prints a Load.
func Load(dir string, o Options) (*Report, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	read := Read
	if o.Follower != nil {
		read = func(string) (*Run, error) { return o.Follower.Run() }
	}
	run, err := read(dir)
	if err != nil {
		return nil, err
	}
	base, d, err := baselineOf(run, o.Baseline)
	if err != nil {
		return nil, err
	}
	rep := &Report{Run: run, Baseline: base, Diff: d, Summary: Summarize(run, d, o.Now()), opts: o}
	rep.Summary.Partial = o.Partial || (!o.finishing && run.Info.Partial())
	rep.Summary.WallS = wallOf(run.Info, o.Wall)
	rep.Summary.Warnings = run.Warnings
	return rep, nil
}

// NewReport derives the diff and summary of run against base (may be nil).
func NewReport(run, base *Run, now time.Time) *Report {
	d := Compare(run, base)
	return &Report{Run: run, Baseline: base, Diff: d, Summary: Summarize(run, d, now)}
}

// Finish writes a nightly's reports at its end and records how it ended:
// run.json's state becomes partial (o.Partial: interrupted) or complete,
// with the command's wall time; baseline.json keeps the comparison for
// later rebuilds. The nightly calls it once the sweep returns, also after
// an interrupt.
func Finish(dir string, o Options) (*Summary, error) {
	o.finishing = true
	rep, err := Load(dir, o)
	if err != nil {
		return nil, err
	}
	if err := rep.WriteFiles(); err != nil {
		return nil, err
	}
	if err := recordEnd(rep.Run, o); err != nil {
		return nil, err
	}
	return rep.Summary, nil
}

// WriteAll is Finish of a run that reached its end, with a baseline and a
// clock: the reports of a complete nightly.
func WriteAll(dir, baselineDir string, now func() time.Time) (*Summary, error) {
	return Finish(dir, Options{Baseline: baselineDir, Now: now})
}

// WriteFiles writes summary.json, junit.xml and report.html into the run's
// directory, each streamed into a temporary file renamed over the old one,
// and records the baseline comparison in baseline.json.
func (rep *Report) WriteFiles() error {
	for _, name := range []string{SummaryFile, JUnitFile, HTMLFile} {
		err := writeFileAtomic(filepath.Join(rep.Run.Dir, name), func(w io.Writer) error { return rep.render(w, name) })
		if err != nil {
			return err
		}
	}
	return rep.storeBaseline()
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
		return WriteJUnit(w, rep.Run, rep.Summary)
	case HTMLFile:
		return WriteHTML(w, rep.Run, rep.Summary)
	}
	return fmt.Errorf("no renderer for %s", file)
}

// writeFileAtomic streams write's output through a buffer into a temporary
// file beside path and renames it over path, so a reader never sees half a
// report and the whole report is never held in memory.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return errs.E("report", errs.Input, "%v", err)
	}
	tmp := f.Name()
	b := bufio.NewWriterSize(f, 64<<10)
	werr := write(b)
	if werr == nil {
		werr = b.Flush()
	}
	if cerr := f.Close(); werr == nil {
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

// writeBytes writes data to path atomically.
func writeBytes(path string, data []byte) error {
	return writeFileAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}
