package store

import (
	"encoding/binary"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
)

// maxSessionCodecEntries bounds each of SessionCodec's two maps; past it, a
// map starts over.
const maxSessionCodecEntries = 20000

// sessionCodec is scs's gob codec with a memory: scs decodes the session on
// every request and encodes it again after it (the idle timeout moves the
// deadline it does not store), and gob writes a map in Go's random order,
// so the same session came out as different bytes most of the time. Decoding
// bytes seen before returns their values again (a new map: scs changes it),
// and encoding values equal to values encoded before returns the same
// bytes, which the session store then recognises as unchanged without
// decoding them. The bytes are gob's, as scs.GobCodec writes and reads them:
// sessions stored before or by another instance decode the same. Only
// sessions whose values are all strings, booleans and numbers are kept.
type sessionCodec struct {
	gob     scs.GobCodec
	mu      sync.Mutex
	decoded map[string]decodedSession // by the encoded bytes
	encoded map[string][]byte         // by canonicalSession's form
}

type decodedSession struct {
	deadline time.Time
	values   map[string]any
}

// SessionCodec is the codec of this store's sessions, for scs.
func (s *Store) SessionCodec() scs.Codec { return &s.sessionCodec }

// Encode is scs.GobCodec.Encode, the same bytes for the same values.
func (c *sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	key, ok := canonicalSession(deadline, values)
	if !ok {
		return c.gob.Encode(deadline, values)
	}
	c.mu.Lock()
	b, hit := c.encoded[key]
	c.mu.Unlock()
	if hit {
		return b, nil
	}
	b, err := c.gob.Encode(deadline, values)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.encoded == nil || len(c.encoded) >= maxSessionCodecEntries {
		c.encoded = make(map[string][]byte)
	}
	c.encoded[key] = b
	c.rememberDecoded(b, deadline, values)
	c.mu.Unlock()
	return b, nil
}

// Decode is scs.GobCodec.Decode, without decoding bytes seen before.
func (c *sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	c.mu.Lock()
	d, hit := c.decoded[string(b)]
	c.mu.Unlock()
	if hit {
		return d.deadline, cloneValues(d.values), nil
	}
	deadline, values, err := c.gob.Decode(b)
	if err != nil {
		return deadline, values, err
	}
	if _, ok := canonicalSession(deadline, values); ok {
		c.mu.Lock()
		c.rememberDecoded(b, deadline, values)
		c.mu.Unlock()
	}
	return deadline, values, nil
}

// rememberDecoded keeps a copy of values under b; c.mu is held.
func (c *sessionCodec) rememberDecoded(b []byte, deadline time.Time, values map[string]any) {
	if c.decoded == nil || len(c.decoded) >= maxSessionCodecEntries {
		c.decoded = make(map[string]decodedSession)
	}
	c.decoded[string(b)] = decodedSession{deadline: deadline, values: cloneValues(values)}
}

func cloneValues(values map[string]any) map[string]any {
	out := make(map[string]any, len(values))
	for k, v := range values {
		out[k] = v
	}
	return out
}

// canonicalSession writes a deadline and values in one order, type by type,
// or says it cannot: a value of another type than strings, booleans and
// numbers.
func canonicalSession(deadline time.Time, values map[string]any) (string, bool) {
	t, err := deadline.MarshalBinary()
	if err != nil {
		return "", false
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := make([]byte, 0, 64+32*len(keys))
	b = binary.AppendUvarint(b, uint64(len(t)))
	b = append(b, t...)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, k := range keys {
		str(k)
		switch v := values[k].(type) {
		case string:
			b = append(b, 's')
			str(v)
		case bool:
			b = append(b, 'b')
			if v {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		case int:
			b = binary.AppendVarint(append(b, 'i'), int64(v))
		case int64:
			b = binary.AppendVarint(append(b, 'I'), v)
		case int32:
			b = binary.AppendVarint(append(b, 'j'), int64(v))
		case uint64:
			b = binary.AppendUvarint(append(b, 'U'), v)
		case float64:
			b = binary.AppendUvarint(append(b, 'f'), math.Float64bits(v))
		default:
			return "", false
		}
	}
	return string(b), true
}
