package core

import (
	"context"
	"sync"
)

// TokenStore keeps tokens by key (the security scheme name) and serializes refreshes. Implement it
// to keep tokens in your database; Lock must exclude other holders of the same key (other
// goroutines, and other processes when the store is shared between them).
type TokenStore interface {
	// Load returns the stored token, or nil when there is none.
	Load(ctx context.Context, key string) (*Token, error)
	// Save stores token; nil removes it.
	Save(ctx context.Context, key string, token *Token) error
	// Lock runs fn while holding the key's lock; it gives up when ctx ends while waiting.
	Lock(ctx context.Context, key string, fn func(ctx context.Context) error) error
}

// keyLocks is a set of context-aware mutexes, one per key.
type keyLocks struct {
	mu    sync.Mutex
	locks map[string]chan struct{}
}

func (k *keyLocks) get(key string) chan struct{} {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.locks == nil {
		k.locks = map[string]chan struct{}{}
	}
	ch, ok := k.locks[key]
	if !ok {
		ch = make(chan struct{}, 1)
		k.locks[key] = ch
	}
	return ch
}

func (k *keyLocks) do(ctx context.Context, key string, fn func() error) error {
	ch := k.get(key)
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-ch }()
	return fn()
}

// MemoryTokenStore keeps tokens in memory (the default store of every client).
type MemoryTokenStore struct {
	mu     sync.RWMutex
	tokens map[string]Token
	locks  keyLocks
}

// NewMemoryTokenStore returns an empty in-memory store.
func NewMemoryTokenStore() *MemoryTokenStore { return &MemoryTokenStore{tokens: map[string]Token{}} }

// Load implements TokenStore.
func (s *MemoryTokenStore) Load(_ context.Context, key string) (*Token, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.tokens[key]
	if !ok {
		return nil, nil
	}
	return &t, nil
}

// Save implements TokenStore.
func (s *MemoryTokenStore) Save(_ context.Context, key string, token *Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = map[string]Token{}
	}
	if token == nil {
		delete(s.tokens, key)
	} else {
		s.tokens[key] = *token
	}
	return nil
}

// Lock implements TokenStore (in-process only).
func (s *MemoryTokenStore) Lock(ctx context.Context, key string, fn func(ctx context.Context) error) error {
	return s.locks.do(ctx, key, func() error { return fn(ctx) })
}

// String never lists the tokens.
func (s *MemoryTokenStore) String() string { return "MemoryTokenStore{}" }
