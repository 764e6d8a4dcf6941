package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FileTokenStore keeps tokens in one JSON file ({"<scheme>": {access_token, ...}}, mode 0600),
// shared by every client, goroutine and process that uses the same path: refreshes are serialized
// by a lock file next to it (flock on Unix), so N processes with an expired token make one token
// request. The file format is the same as the other SDKs' file token stores.
type FileTokenStore struct {
	path  string
	mu    sync.Mutex
	locks keyLocks
}

// NewFileTokenStore returns a store for path (created on first save, its folder too).
func NewFileTokenStore(path string) *FileTokenStore { return &FileTokenStore{path: path} }

// String shows the path only.
func (s *FileTokenStore) String() string { return fmt.Sprintf("FileTokenStore{%s}", s.path) }

func (s *FileTokenStore) readAll() (map[string]Token, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Token{}, nil
	}
	if err != nil {
		return nil, &ConfigurationError{Message: "cannot read the token file: " + err.Error()}
	}
	out := map[string]Token{}
	if len(data) == 0 {
		return out, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &ConfigurationError{Message: "the token file " + s.path + " is not a JSON object"}
	}
	for k, v := range raw {
		var t Token
		if string(v) == "null" || json.Unmarshal(v, &t) != nil {
			continue
		}
		out[k] = t
	}
	return out, nil
}

// Load implements TokenStore.
func (s *FileTokenStore) Load(_ context.Context, key string) (*Token, error) {
	all, err := s.readAll()
	if err != nil {
		return nil, err
	}
	t, ok := all[key]
	if !ok {
		return nil, nil
	}
	return &t, nil
}

// Save implements TokenStore: read-modify-write under the file's write lock, then an atomic rename.
func (s *FileTokenStore) Save(ctx context.Context, key string, token *Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return &ConfigurationError{Message: "cannot create the token folder: " + err.Error()}
	}
	return withFileLock(ctx, s.path+".lock", func() error {
		all, err := s.readAll()
		if err != nil {
			return err
		}
		if token == nil {
			delete(all, key)
		} else {
			all[key] = *token
		}
		data, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".*.tmp")
		if err != nil {
			return &ConfigurationError{Message: "cannot write the token file: " + err.Error()}
		}
		name := tmp.Name()
		_ = tmp.Chmod(0o600)
		_, werr := tmp.Write(append(data, '\n'))
		cerr := tmp.Close()
		if werr != nil || cerr != nil {
			_ = os.Remove(name)
			return &ConfigurationError{Message: "cannot write the token file"}
		}
		if err := os.Rename(name, s.path); err != nil {
			_ = os.Remove(name)
			return &ConfigurationError{Message: "cannot replace the token file: " + err.Error()}
		}
		return nil
	})
}

// Lock implements TokenStore: an in-process lock per key, then a lock file per key shared with
// other processes.
func (s *FileTokenStore) Lock(ctx context.Context, key string, fn func(ctx context.Context) error) error {
	return s.locks.do(ctx, key, func() error {
		if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
			return &ConfigurationError{Message: "cannot create the token folder: " + err.Error()}
		}
		sum := sha256.Sum256([]byte(key))
		lockPath := fmt.Sprintf("%s.%s.lock", s.path, hex.EncodeToString(sum[:6]))
		return withFileLock(ctx, lockPath, func() error { return fn(ctx) })
	})
}

// lockPoll is how often a busy lock file is tried again.
const lockPoll = 5 * time.Millisecond

// withFileLock holds an exclusive lock on lockPath while fn runs; it stops waiting when ctx ends.
func withFileLock(ctx context.Context, lockPath string, fn func() error) error {
	f, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return &ConfigurationError{Message: "cannot open the lock file: " + err.Error()}
	}
	defer f.Close()
	for {
		ok, err := tryLockFile(f, lockPath)
		if err != nil {
			return &ConfigurationError{Message: "cannot lock the token file: " + err.Error()}
		}
		if ok {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(lockPoll):
		}
	}
	defer unlockFile(f, lockPath)
	return fn()
}
