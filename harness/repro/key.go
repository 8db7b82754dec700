package repro

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// KeyFile holds the bundle's masking key (hex, mode 0600). Capture masks
// with it and every replay of the bundle masks its output with it, so a
// masked value means the same in the bundle and in its replays. Masking is
// one-way (HMAC), but whoever holds the key can test a guess ("is this
// stand-in the USCC 9111…?"): the bundle is confidential as a whole.
// Remove the file before handing a bundle on to someone who must not test
// guesses; its replays then mask with a fresh key each.
const KeyFile = "mask.key"

// NoMessageNote says what a bundle captured without a message cannot do.
const NoMessageNote = "no message: `repro run` cannot replay it; it holds rows only"

// bundleKey returns the key to capture with: the one given, else a random one.
func bundleKey(given []byte) ([]byte, error) {
	if len(given) > 0 {
		return given, nil
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, errs.E("repro", errs.Internal, "masking key: %v", err)
	}
	return key, nil
}

func writeKey(dir string, key []byte) error {
	if err := os.WriteFile(filepath.Join(dir, KeyFile), []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return errs.E("repro", errs.Input, "write %s: %v", filepath.Join(dir, KeyFile), err)
	}
	return nil
}

// readKey returns the bundle's masking key; nil when the bundle has none
// (captured before keys were kept, or the key was removed).
func readKey(dir string) ([]byte, error) {
	path := filepath.Join(dir, KeyFile)
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.E("repro", errs.Input, "read %s: %v", path, err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) == 0 {
		return nil, errs.At("repro", errs.Input, path, "not a hex masking key")
	}
	return key, nil
}

// checkOut refuses to capture into an existing folder unless force is set;
// even with force, only an empty folder or a case bundle is replaced.
func checkOut(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return errs.E("repro capture", errs.Input, "--out %s: %v", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, MetaFile)); err != nil {
		return errs.E("repro capture", errs.Input, "--out %s exists and is not a case bundle: choose another folder", dir)
	}
	if !force {
		return errs.E("repro capture", errs.Input, "--out %s already holds a case bundle: --force replaces it", dir)
	}
	return nil
}

// clearOut empties an existing bundle folder (checkOut passed with force).
func clearOut(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return errs.E("repro capture", errs.Input, "replace %s: %v", dir, err)
	}
	return nil
}
