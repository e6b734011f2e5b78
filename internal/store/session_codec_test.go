package store_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/internal/testutil"
)

// The session codec writes scs's gob (sessions stored before, or by another
// instance, read the same), the same bytes for the same values although gob
// writes a map in random order, and hands out maps of its own.
func TestTheSessionCodecIsGobWithTheSameBytesForTheSameValues(t *testing.T) {
	t.Parallel()
	testutil.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		codec := st.SessionCodec()
		deadline := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		values := func() map[string]any {
			return map[string]any{"user_id": int64(7), "second_factor": true, "signed_in_at": int64(1764669600), "lang": "nl", "n": 3}
		}
		first, err := codec.Encode(deadline, values())
		if err != nil {
			t.Fatal(err)
		}
		for range 20 {
			again, err := codec.Encode(deadline, values())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, first) {
				t.Fatal("the same session values encoded to different bytes")
			}
		}
		if d, v, err := (scs.GobCodec{}).Decode(first); err != nil || !d.Equal(deadline) || !reflect.DeepEqual(v, values()) {
			t.Fatalf("scs's own codec reads %v %v %v", d, v, err)
		}
		stock, err := (scs.GobCodec{}).Encode(deadline.Add(time.Hour), values())
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // decoded, then remembered
			d, v, err := codec.Decode(stock)
			if err != nil || !d.Equal(deadline.Add(time.Hour)) || !reflect.DeepEqual(v, values()) {
				t.Fatalf("a session scs encoded decodes to %v %v %v", d, v, err)
			}
			v["user_id"] = int64(8) // scs changes the map it is given
			delete(v, "lang")
		}
		if _, v, _ := codec.Decode(first); !reflect.DeepEqual(v, values()) {
			t.Fatalf("a change to a decoded map reached the next request: %v", v)
		}
		// Changed values, and values of other types, are encoded anew.
		changed := values()
		changed["lang"] = "fr"
		if b, _ := codec.Encode(deadline, changed); bytes.Equal(b, first) {
			t.Fatal("changed values encoded to the old bytes")
		}
		other := map[string]any{"list": []string{"a"}}
		b, err := codec.Encode(deadline, other)
		if err != nil {
			t.Fatal(err)
		}
		if _, v, err := codec.Decode(b); err != nil || !reflect.DeepEqual(v, other) {
			t.Fatalf("a slice value decodes to %v %v", v, err)
		}
	})
}
