package berceau

// Role is what a person does in the network. What each role may do is the
// role → permission table (see Permission); which rows it reaches is decided
// by scope rules in internal/app.
type Role string

const (
	RoleNetworkAdmin    Role = "network_admin"
	RoleSiteCoordinator Role = "site_coordinator"
	RolePractitioner    Role = "practitioner"
	RoleTrainee         Role = "trainee"
	RoleContentEditor   Role = "content_editor"
	RoleNetworkMember   Role = "network_member"
	RoleEvaluator       Role = "evaluator"
)

// Roles lists every role, in the order the interface shows them.
var Roles = []Role{
	RoleNetworkAdmin, RoleSiteCoordinator, RolePractitioner, RoleTrainee,
	RoleContentEditor, RoleNetworkMember, RoleEvaluator,
}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// Permission names one thing a route or a use case may require.
type Permission string

const (
	// PermPublic is the permission of pages anyone may see, signed in or not.
	PermPublic Permission = "public"
	// PermMetrics guards the Prometheus endpoint (token or loopback).
	PermMetrics Permission = "metrics"
)

// Discipline is a professional's field of practice.
type Discipline string

const (
	DisciplineNurse           Discipline = "nurse"
	DisciplineSocialWorker    Discipline = "social_worker"
	DisciplinePhysician       Discipline = "physician"
	DisciplineMidwife         Discipline = "midwife"
	DisciplineSpecialEducator Discipline = "special_educator"
	DisciplinePsychoeducator  Discipline = "psychoeducator"
	DisciplineNutritionist    Discipline = "nutritionist"
	DisciplineAdministration  Discipline = "administration"
	DisciplineCommunityWorker Discipline = "community_worker"
)

// Disciplines lists every discipline, in the order the interface shows them.
var Disciplines = []Discipline{
	DisciplineNurse, DisciplineSocialWorker, DisciplinePhysician, DisciplineMidwife,
	DisciplineSpecialEducator, DisciplinePsychoeducator, DisciplineNutritionist,
	DisciplineCommunityWorker, DisciplineAdministration,
}

// Valid reports whether d is one of the known disciplines.
func (d Discipline) Valid() bool {
	for _, known := range Disciplines {
		if d == known {
			return true
		}
	}
	return false
}
