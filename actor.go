package berceau

// Actor is whoever makes a request: a signed-in user with their permissions,
// or nobody (ID 0). Use cases receive it and decide from it.
type Actor struct {
	User          User
	Permissions   Permissions
	ClientAddress string
	System        bool // the operator's command line, not a person signed in
	// SecondFactor says the actor's session (or the session that minted its
	// token) passed a second factor; without it no family permission holds.
	SecondFactor bool
}

// Anonymous is an actor who has not signed in, seen from clientAddress.
func Anonymous(clientAddress string) Actor {
	return Actor{Permissions: Permissions{}, ClientAddress: clientAddress}
}

// SignedIn reports whether the actor is a signed-in user.
func (a Actor) SignedIn() bool { return a.User.ID != 0 || a.System }

// Can reports whether the actor holds p. Everyone holds PermPublic; every
// signed-in user holds PermSignedIn.
func (a Actor) Can(p Permission) bool {
	switch p {
	case PermPublic:
		return true
	case PermSignedIn:
		return a.SignedIn()
	}
	return a.SignedIn() && a.Permissions.Has(p)
}

// RequiresSecondFactor reports whether the actor's roles make a second
// factor mandatory: every role that can see family data.
func (a Actor) RequiresSecondFactor() bool { return a.Permissions.SeesFamilyData() }

// System is the actor of a command run on the server by its operator (the
// command line): it administers the network but, like a network
// administrator, reads no family file.
func System(name string) Actor {
	perms := Permissions{}
	for _, p := range DefaultRolePermissions[RoleNetworkAdmin] {
		perms[p] = true
	}
	return Actor{User: User{DisplayName: name, Email: name}, Permissions: perms, ClientAddress: "local", System: true}
}
