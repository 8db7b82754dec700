package sweep

import (
	"bytes"
	"io"
	"os"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// TrimPartialLine cuts a results.jsonl back to its last complete line (one
// ending in a newline) and returns how many bytes it dropped. A run killed
// mid-write can leave half a line at the end; Read skips it with a warning,
// but a resumed run must call this before appending, or the half line would
// become a corrupt line in the middle of the file. A missing file is not an
// error (nothing to trim).
func TrimPartialLine(path string) (int64, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, errs.E("resume", errs.Input, "%v", err)
	}
	defer f.Close()
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, errs.E("resume", errs.Input, "%s: %v", path, err)
	}
	keep, err := lastNewlineEnd(f, size)
	if err != nil {
		return 0, errs.E("resume", errs.Input, "%s: %v", path, err)
	}
	if keep == size {
		return 0, nil
	}
	if err := f.Truncate(keep); err != nil {
		return 0, errs.E("resume", errs.Input, "%s: %v", path, err)
	}
	return size - keep, f.Sync()
}

// lastNewlineEnd is the offset just after the last '\n' in the first size
// bytes of f (0 when there is none), read backwards in blocks.
func lastNewlineEnd(f *os.File, size int64) (int64, error) {
	const block = 64 << 10
	buf := make([]byte, block)
	for end := size; end > 0; {
		start := max(end-block, 0)
		n, err := f.ReadAt(buf[:end-start], start)
		if err != nil && err != io.EOF {
			return 0, err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			return start + int64(i) + 1, nil
		}
		end = start
	}
	return 0, nil
}
