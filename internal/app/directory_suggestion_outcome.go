package app

import (
	"context"
	"net/url"
	"strings"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/i18n"
	"github.com/berceau/berceau/internal/store"
)

// mySuggestionsLimit bounds the suggestions a person's page lists.
const mySuggestionsLimit = 200

// MySuggestions lists the actor's own suggestions with what became of them.
func (a *DirectoryService) mySuggestions(ctx context.Context, actor berceau.Actor) ([]store.SuggestionOfUser, error) {
	var list []store.SuggestionOfUser
	err := a.read(ctx, actor, berceau.PermDirectorySuggest, nil, func(tx *store.Tx) (err error) {
		list, err = tx.SuggestionsBy(ctx, actor.User.ID, mySuggestionsLimit)
		return err
	})
	return list, err
}

// tellSuggester queues, in the decision's transaction, a mail to the
// suggestion's author in her language: which service, which field, and
// whether it was accepted, with a link to her suggestions page.
func (a *DirectoryService) tellSuggester(ctx context.Context, tx *store.Tx, decider berceau.Actor, sg directory.Suggestion, service directory.DirectoryService) error {
	if sg.ProposedBy == decider.User.ID {
		return nil
	}
	u, err := tx.UserByID(ctx, sg.ProposedBy)
	if err != nil || u.Disabled || u.Invited {
		return err
	}
	network, _ := tx.Setting(ctx, berceau.SettingNetworkName)
	loc := a.opts.I18n.Localizer(u.Locale)
	if network == "" {
		network = loc.T("app.default_network_name")
	}
	name, _ := service.Name.In(u.Locale, networkDefaultIn(ctx, tx))
	link := strings.TrimRight(a.opts.BaseURL, "/") + "/directory/suggestions/mine"
	args := []any{"Name", u.DisplayName, "Network", network, "Link", link, "Service", name,
		"Field", suggestionFieldLabel(loc, sg.Field), "Value", sg.ProposedValue,
		"ServiceLink", strings.TrimRight(a.opts.BaseURL, "/") + "/directory/services/" + url.PathEscape(service.ID)}
	key := "daily_flows_mail.suggestion_" + string(sg.Status)
	m := store.OutboxMessage{Recipient: u.Email, Subject: loc.T(key+".subject", args...), Body: loc.T(key+".body", args...)}
	return tx.QueueMail(ctx, &m)
}

// suggestionFieldLabel names a suggested field in the recipient's language:
// "name.fr" reads directory.field_name_fr ("Nom (français)"), a text in
// another language reads as the field and the language ("Nom
// (néerlandais)"), the others their own label.
func suggestionFieldLabel(loc *i18n.Localizer, field string) string {
	base, lang, ok := strings.Cut(field, ".")
	if !ok {
		return loc.T("directory.field_" + field)
	}
	if lang == "fr" || lang == "en" {
		return loc.T("directory.field_" + base + "_" + lang)
	}
	label := map[string]string{"name": "name", "description": "about", "eligibility": "eligibility",
		"application_process": "application_process"}[base]
	return loc.T("multilingual.field_in", "Field", loc.T("multilingual.field."+label), "Language", loc.T("multilingual.in."+lang))
}
