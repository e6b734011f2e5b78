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

// Permission names one thing a route or a use case may require. Which roles
// hold which permissions is data (the role_permissions table); the defaults
// are DefaultRolePermissions.
type Permission string

const (
	// PermPublic is the permission of pages anyone may see, signed in or not.
	PermPublic Permission = "public"
	// PermMetrics guards the Prometheus endpoint (token or loopback).
	PermMetrics Permission = "metrics"
	// PermSignedIn is held by every signed-in person: their own account.
	PermSignedIn Permission = "signed_in"

	PermNetworkRead            Permission = "network.read"            // organisations, sites and teams of the network
	PermAdminOrganisations     Permission = "admin.organisations"     // create and edit organisations, sites, teams
	PermAdminUsers             Permission = "admin.users"             // invite, grant roles, disable accounts, end sessions
	PermAdminAudit             Permission = "admin.audit"             // read the audit trail
	PermAdminOutbox            Permission = "admin.outbox"            // read mail waiting in the outbox
	PermFamiliesRead           Permission = "families.read"           // family files of one's scope
	PermFamiliesWrite          Permission = "families.write"          // change family files of one's scope
	PermFamiliesSensitive      Permission = "families.sensitive"      // sensitive compartments of a file
	PermTeamDecisions          Permission = "families.team_decision"  // take part in team admission decisions
	PermAssignments            Permission = "families.assign"         // assign key workers
	PermIndicators             Permission = "indicators.read"         // process and outcome indicators of one's site
	PermIndicatorsDeidentified Permission = "indicators.deidentified" // de-identified indicators only
	PermKnowledgeEdit          Permission = "knowledge.edit"          // events, trainings, library, news
	PermDirectorySuggest       Permission = "directory.suggest"       // suggest changes to the resource directory
	PermDirectoryModerate      Permission = "directory.moderate"      // accept suggestions, confirm records, import and export the directory
	PermCommunity              Permission = "community.participate"   // events registration, community of practice
	// PermEventsManage organises events and cycles: network coordinators
	// (directory moderators) organise any; others, the events of the
	// directory organisations they are staff (editors) of.
	PermEventsManage Permission = "events.manage"
	// PermLearningReview reviews the learning records of the people of the
	// sites one coordinates: approve their external trainings, revoke a
	// certificate.
	PermLearningReview Permission = "learning.review"
	// PermInternshipsManage keeps a site's internship register: site
	// coordinators their sites' internships, network administrators every
	// site's, the lists of kinds, fields and the evaluation form.
	PermInternshipsManage Permission = "internships.manage"
	// PermInternshipsTakePart is taking part in an internship as its
	// intern (logging hours) or supervisor (countersigning, evaluating).
	PermInternshipsTakePart Permission = "internships.take_part"
)

// AllPermissions lists every permission a route or a role may name.
var AllPermissions = []Permission{
	PermPublic, PermMetrics, PermSignedIn, PermNetworkRead, PermAdminOrganisations, PermAdminUsers, PermAdminAudit,
	PermAdminOutbox, PermFamiliesRead, PermFamiliesWrite, PermFamiliesSensitive, PermTeamDecisions, PermAssignments,
	PermIndicators, PermIndicatorsDeidentified, PermKnowledgeEdit, PermDirectorySuggest, PermCommunity, PermDirectoryModerate,
	PermEventsManage, PermLearningReview, PermInternshipsManage, PermInternshipsTakePart,
}

// Known reports whether p is a permission of AllPermissions.
func (p Permission) Known() bool {
	for _, q := range AllPermissions {
		if p == q {
			return true
		}
	}
	return false
}

// DefaultRolePermissions is what each role may do when a network has not
// changed it. The network administrator has no access to family files.
var DefaultRolePermissions = map[Role][]Permission{
	RoleNetworkAdmin: {PermNetworkRead, PermAdminOrganisations, PermAdminUsers, PermAdminAudit, PermAdminOutbox, PermDirectoryModerate,
		PermEventsManage, PermInternshipsManage},
	RoleSiteCoordinator: {PermNetworkRead, PermFamiliesRead, PermFamiliesWrite, PermFamiliesSensitive, PermTeamDecisions,
		PermAssignments, PermIndicators, PermDirectorySuggest, PermCommunity, PermEventsManage, PermLearningReview,
		PermInternshipsManage, PermInternshipsTakePart},
	RolePractitioner: {PermNetworkRead, PermFamiliesRead, PermFamiliesWrite, PermFamiliesSensitive, PermTeamDecisions,
		PermDirectorySuggest, PermCommunity, PermInternshipsTakePart},
	RoleTrainee:       {PermNetworkRead, PermFamiliesRead, PermFamiliesWrite, PermDirectorySuggest, PermCommunity, PermInternshipsTakePart},
	RoleContentEditor: {PermNetworkRead, PermKnowledgeEdit, PermDirectorySuggest, PermCommunity, PermDirectoryModerate, PermEventsManage},
	RoleNetworkMember: {PermNetworkRead, PermDirectorySuggest, PermCommunity},
	RoleEvaluator:     {PermNetworkRead, PermIndicatorsDeidentified},
}

// ReachesFamilies reports whether p reaches family data (files, decisions,
// assignments, identified indicators): such a permission needs a session
// that passed a second factor, and a token minted by one.
func (p Permission) ReachesFamilies() bool {
	switch p {
	case PermFamiliesRead, PermFamiliesWrite, PermFamiliesSensitive, PermTeamDecisions, PermAssignments, PermIndicators:
		return true
	}
	return false
}

// Permissions is a set of permissions an actor holds.
type Permissions map[Permission]bool

// Has reports whether the set holds p.
func (ps Permissions) Has(p Permission) bool { return ps[p] }

// SeesFamilyData reports whether the holder can see any family's data, which
// makes a second factor mandatory.
func (ps Permissions) SeesFamilyData() bool { return ps[PermFamiliesRead] }

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
