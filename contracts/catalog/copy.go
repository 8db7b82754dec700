package catalog

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// dataFiles are what a contracts folder holds besides Go code: the
// catalog, the binding table, the data specification, the reconciliation
// queries, the inventories and the contract folders.
var dataFiles = []string{File, BindingsFile, "spec.yaml", "reconcile", "inventory", ServicesDir}

// CopyData copies the data of a contracts file system (a checkout's
// contracts folder, or the embedded copy) to the folder dst, which becomes
// a contracts folder to import into (--contracts DIR) without touching the
// original. What src lacks is left out (the embedded copy has no
// inventories).
func CopyData(src fs.FS, dst string) error {
	for _, name := range dataFiles {
		if _, err := fs.Stat(src, name); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := fs.WalkDir(src, name, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			out := filepath.Join(dst, filepath.FromSlash(p))
			if d.IsDir() {
				return os.MkdirAll(out, 0o755)
			}
			data, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			return os.WriteFile(out, data, 0o644)
		})
		if err != nil {
			return errs.At("catalog", errs.Input, path.Join(dst, name), "copy: %v", err)
		}
	}
	return nil
}
