package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
)

// RecordGroupMeeting records one group meeting of several families: each
// family's attendance becomes its own contact, all in one transaction, with
// one audit entry per family (see recordGroupMeeting).
func (a *CareService) RecordGroupMeeting(ctx context.Context, actor berceau.Actor, g GroupMeeting, workerIDs []int64,
	attendance []GroupAttendance) (GroupMeeting, error) {
	stored, err := a.recordGroupMeeting(ctx, actor, store.GroupMeeting(g), workerIDs, attendance)
	return GroupMeeting(stored), err
}
