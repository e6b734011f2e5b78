package berceau

import "strings"

// SettingLanguages is the settings key of the network's languages: their
// codes separated by commas, the default first ("fr,en,nl").
const SettingLanguages = "languages"

// NetworkLanguages are the languages a network offers its pages and texts
// in: Enabled, the default first. Pages negotiate among them only, and a
// text missing in the reader's language falls back on the default.
type NetworkLanguages struct {
	Enabled []string
}

// DefaultNetworkLanguages are a network's languages until its administrator
// chooses: French, then English.
var DefaultNetworkLanguages = NetworkLanguages{Enabled: []string{"fr", "en"}}

// Default is the network's default language.
func (n NetworkLanguages) Default() string {
	if len(n.Enabled) == 0 {
		return DefaultLanguage
	}
	return n.Enabled[0]
}

// Has reports whether lang is one of the network's languages.
func (n NetworkLanguages) Has(lang string) bool {
	for _, l := range n.Enabled {
		if l == lang {
			return true
		}
	}
	return false
}

// String is the setting's stored form.
func (n NetworkLanguages) String() string { return strings.Join(n.Enabled, ",") }

// ParseNetworkLanguages reads the setting's stored form; codes that are not
// language codes and repeats are dropped.
func ParseNetworkLanguages(s string) NetworkLanguages {
	var n NetworkLanguages
	for _, code := range strings.Split(s, ",") {
		code = strings.TrimSpace(code)
		if ValidLanguage(code) && !n.Has(code) {
			n.Enabled = append(n.Enabled, code)
		}
	}
	return n
}
