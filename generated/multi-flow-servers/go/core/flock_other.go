//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package core

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// Without flock: an exclusive marker file next to the lock file; a marker older than a minute is
// considered abandoned by a crashed process.
func tryLockFile(_ *os.File, lockPath string) (bool, error) {
	marker := lockPath + ".held"
	m, err := os.OpenFile(marker, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err == nil {
		return true, m.Close()
	}
	if errors.Is(err, fs.ErrExist) {
		if info, statErr := os.Stat(marker); statErr == nil && time.Since(info.ModTime()) > time.Minute {
			_ = os.Remove(marker)
		}
		return false, nil
	}
	return false, err
}

func unlockFile(_ *os.File, lockPath string) {
	_ = os.Remove(lockPath + ".held")
}
