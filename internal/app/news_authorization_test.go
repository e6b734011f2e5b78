package app

import (
	"context"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/knowledge"
)

// The authorization entries of the news and outreach use cases
// (TestEveryUseCaseRefusesWhoMayNot), joined to the tables at init like the
// events' ones.
func init() {
	known := func(name string) bool {
		_, tested := useCaseAuthorization[name]
		_, exempt := useCaseExempt[name]
		return tested || exempt
	}
	for name, c := range newsAuthorization {
		if !known(name) {
			useCaseAuthorization[name] = c
		}
	}
	for name, reason := range newsExempt {
		if !known(name) {
			useCaseExempt[name] = reason
		}
	}
}

func authzNewsItem() knowledge.NewsItem {
	return knowledge.NewsItem{Title: berceau.TextOf("fr", "Titre", "en", "Title"), Body: berceau.TextOf("fr", "Texte"),
		OrganizationID: directory.NameUUID("demo-org:nid-hochelaga"), Audience: knowledge.AudiencePublic, Status: knowledge.NewsPublished}
}

func authzOutreach() knowledge.OutreachEntry {
	return knowledge.OutreachEntry{Kind: knowledge.OutreachPublication, Title: "Un article", Authors: []knowledge.OutreachAuthor{{Name: "Marie Tremblay"}}, Year: 2026}
}

var newsAuthorization = map[string]useCaseCase{
	// Publishing: knowledge.edit with directory moderation publishes for
	// every organisation; without it, the organisations one edits (none here).
	"News.SaveNews": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.News.SaveNews(ctx, who, NewsChange{Item: authzNewsItem()})
		return err
	}},
	"News.DeleteNews": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.News.DeleteNews(ctx, who, 999999)
	}},
	"News.Editing": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.News.Editing(ctx, who)
		return err
	}},
	"News.SaveCategory": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.News.SaveCategory(ctx, who, knowledge.NewsCategory{Name: berceau.TextOf("fr", "Catégorie")})
		return err
	}},
	"News.SubscriberCounts": {adminEmail, berceau.PermAdminUsers, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.News.SubscriberCounts(ctx, who)
		return err
	}},
	// The outreach register: knowledge.edit writes it.
	"Outreach.SaveEntry": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Outreach.SaveEntry(ctx, who, authzOutreach())
		return err
	}},
	"Outreach.DeleteEntry": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		return a.Outreach.DeleteEntry(ctx, who, 999999)
	}},
	"Outreach.Choices": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Outreach.Choices(ctx, who)
		return err
	}},
	"Outreach.ImportPreview": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Outreach.ImportPreview(ctx, who, knowledge.BibTeX([]knowledge.OutreachEntry{authzOutreach()}))
		return err
	}},
	"Outreach.Import": {editorEmail, berceau.PermKnowledgeEdit, false, func(ctx context.Context, a *App, who berceau.Actor, w *authzWorld, f authzFamily) error {
		_, err := a.Outreach.Import(ctx, who, knowledge.BibTeX([]knowledge.OutreachEntry{authzOutreach()}))
		return err
	}},
}

var newsExempt = map[string]string{
	"News.News":                "the public list: each reader sees public news, members' news once signed in (newsSees)",
	"News.NewsItem":            "an article: readers see it once visible to their audience, its editors always (newsSees, newsPublisherOf)",
	"News.NewsImage":           "an article's picture follows the article's visibility",
	"News.Feed":                "the public feeds: public, published articles only (a feed reader holds no session)",
	"News.Categories":          "the categories' names, public",
	"News.MayPublish":          "tells whether the actor publishes news; reads and changes nothing else",
	"News.Subscribe":           "anonymous by design (double opt-in: nothing is sent before the mailed link is followed); answers the same for any address",
	"News.ConfirmSubscription": "the mailed, expiring, unguessable token is the credential",
	"News.UnsubscribeInfo":     "the unguessable token of the digest's one-click link is the credential",
	"News.Unsubscribe":         "the unguessable token of the digest's one-click link is the credential (RFC 8058)",
	"News.SendDigests":         "background work of the App itself (the daily digest job)",
	"News.PublicKind":          "the portal's public source: names its hits",
	"News.SearchPublic":        "the portal's public source: public, published articles only",
	"News.FeaturedPublic":      "the portal's public source: public, published articles only",
	"Outreach.Entries":         "the outreach register is public",
	"Outreach.Entry":           "the outreach register is public",
	"Outreach.PublicKind":      "the portal's public source: names its hits",
	"Outreach.SearchPublic":    "the portal's public source: the register is public",
	"Outreach.FeaturedPublic":  "the portal's public source: the register is public",
}
