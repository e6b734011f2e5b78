package berceau

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// AuditOutcome says how an audited action ended.
type AuditOutcome string

// The outcomes of an audited action.
const (
	OutcomeSuccess AuditOutcome = "success"
	OutcomeFailure AuditOutcome = "failure" // attempted and failed (a wrong password, an invalid form)
	OutcomeDenied  AuditOutcome = "denied"  // refused by the access policy
)

// AuditGenesisHash is the previous hash of the first entry of the trail.
const AuditGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// auditTimeLayout writes At in UTC with exactly microseconds: PostgreSQL keeps
// no more, so an entry read back hashes as it did when it was written.
const auditTimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// AuditEntry is one row of the append-only audit trail. Each entry carries
// the hash of the entry before it (PrevHash) and its own Hash over its
// content and PrevHash, so changing or removing an entry breaks the chain.
type AuditEntry struct {
	ID            int64
	At            time.Time
	ActorID       int64  // 0: nobody (anonymous, or the operator's command line)
	ActorEmail    string // as it was at the time, since accounts change
	Action        string // a dotted name: "auth.sign_in", "admin.user.invite"
	ObjectType    string
	ObjectID      string
	Outcome       AuditOutcome
	ClientAddress string
	Detail        string // short; never a secret nor personal health data
	PrevHash      string
	Hash          string
}

// ComputeHash returns the hex SHA-256 of prevHash followed by every field of
// e except ID, PrevHash (replaced by prevHash) and Hash. Each field is written
// with its length first, so no two different entries serialize alike; At is
// written in UTC with microseconds.
func (e AuditEntry) ComputeHash(prevHash string) string {
	h := sha256.New()
	var buf []byte
	field := func(s string) {
		buf = strconv.AppendInt(buf[:0], int64(len(s)), 10)
		buf = append(buf, ':')
		buf = append(buf, s...)
		buf = append(buf, ',')
		h.Write(buf)
	}
	field("berceau.audit.v1")
	field(prevHash)
	field(e.At.UTC().Format(auditTimeLayout))
	field(strconv.FormatInt(e.ActorID, 10))
	field(e.ActorEmail)
	field(e.Action)
	field(e.ObjectType)
	field(e.ObjectID)
	field(string(e.Outcome))
	field(e.ClientAddress)
	field(e.Detail)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditFilter selects entries of the audit trail. Zero fields select
// everything.
type AuditFilter struct {
	ActorID    int64
	Action     string // a prefix: "auth." selects every sign-in event
	ObjectType string
	ObjectID   string
	From       time.Time // inclusive; zero: since the beginning
	To         time.Time // exclusive; zero: until now
	Page       int       // from 1
	PageSize   int       // 50 by default, at most 200
}

// AuditPage is one page of the audit trail, newest first.
type AuditPage struct {
	Entries  []AuditEntry
	Total    int // entries matching the filter, on every page
	Page     int
	PageSize int
}

// Pages is the number of pages the matching entries fill: at least 1.
func (p AuditPage) Pages() int {
	if p.PageSize <= 0 || p.Total <= 0 {
		return 1
	}
	return (p.Total + p.PageSize - 1) / p.PageSize
}

// AuditBreak is where the verifier found the chain broken: the first entry
// whose content changed or whose predecessor is gone, and why.
type AuditBreak struct {
	ID     int64
	Reason string
}
