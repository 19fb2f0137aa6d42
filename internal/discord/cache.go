package discord

import (
	"encoding/binary"
	"sync"

	"github.com/okbot/okbot/internal/commands"
)

// Bounds of the response cache. Keys include free text (autocomplete
// prefixes, names typed into /cast), so the cache must be bounded; every
// distinct answer okbot has fits many times over.
const (
	cacheEntries = 4096
	cacheBytes   = 32 << 20
)

// appendCacheKey appends to b everything Handle's answer may depend on:
// the request without user ids, plus whether the user is the owner of
// the clicked message and what the channel lets the answer carry. Strings are length-prefixed so that no two
// requests share a key.
func appendCacheKey(b []byte, req commands.Request, rights channelRights) []byte {
	owner := byte(0) // no owner known
	switch {
	case req.OwnerID == "":
	case req.OwnerID == req.UserID:
		owner = 1
	default:
		owner = 2
	}
	can := byte(0)
	if rights.embeds {
		can |= 1
	}
	if rights.files {
		can |= 2
	}
	b = append(b, byte(req.Kind), owner, can)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(req.Command)
	str(req.CustomID)
	str(req.Locale)
	for _, o := range req.Options {
		str(o.Name)
		str(o.Value)
		if o.Focused {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return b
}

// responseCache maps cache keys to encoded responses. When full it evicts
// an arbitrary entry (Go's map iteration order is randomized): hot keys
// are re-added on their next miss, and there is no bookkeeping on the hit
// path.
type responseCache struct {
	maxEntries, maxBytes int

	mu    sync.RWMutex
	m     map[string]*encoded
	bytes int
}

func newResponseCache(maxEntries, maxBytes int) *responseCache {
	return &responseCache{maxEntries: maxEntries, maxBytes: maxBytes, m: make(map[string]*encoded)}
}

func (c *responseCache) get(key []byte) *encoded {
	c.mu.RLock()
	enc := c.m[string(key)] // no allocation: the compiler looks up []byte keys in place
	c.mu.RUnlock()
	return enc
}

func (c *responseCache) put(key string, enc *encoded) {
	size := len(key) + len(enc.body)
	if size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; ok {
		return
	}
	for k, old := range c.m {
		if len(c.m) < c.maxEntries && c.bytes+size <= c.maxBytes {
			break
		}
		delete(c.m, k)
		c.bytes -= len(k) + len(old.body)
	}
	c.m[key] = enc
	c.bytes += size
}
