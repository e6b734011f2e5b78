package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/directory"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

func testNews(title string, audience knowledge.Audience, status knowledge.NewsStatus, at time.Time, category int64) knowledge.NewsItem {
	return knowledge.NewsItem{Title: berceau.TextOf("fr", title+" (fr)", "en", title), Summary: berceau.TextOf("fr", "Résumé", "en", "Summary"),
		Body: berceau.TextOf("fr", "Texte **gras**", "en", "Some **bold** text"), CategoryID: category,
		OrganizationID: directory.NameUUID("demo-org:nid-hochelaga"), Audience: audience, Status: status, PublishedAt: at}
}

func newsAuditCount(t *testing.T, st *store.Store, action string, outcome berceau.AuditOutcome) int {
	t.Helper()
	n := 0
	_ = st.ReadTx(context.Background(), func(tx *store.Tx) error {
		page, err := tx.ListAudit(context.Background(), berceau.AuditFilter{Action: action})
		for _, e := range page.Entries {
			if e.Outcome == outcome {
				n++
			}
		}
		return err
	})
	return n
}

// TestNewsReachesOnlyItsAudienceAndTime: a draft, a scheduled article and a
// members' article never reach anonymous readers nor the feeds; members
// read members' articles; the scheduled one appears when the app's clock
// reaches its time; editors see all of them.
func TestNewsReachesOnlyItsAudienceAndTime(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		editor, member := actor("contenu@berceau.example"), actor("membre@berceau.example")
		anon := berceau.Anonymous("192.0.2.9")
		cat, err := a.News.SaveCategory(ctx, editor, knowledge.NewsCategory{Name: berceau.TextOf("fr", "Essais", "en", "Trials")})
		if err != nil {
			t.Fatal(err)
		}
		save := func(n knowledge.NewsItem) knowledge.NewsItem {
			t.Helper()
			saved, err := a.News.SaveNews(ctx, editor, NewsChange{Item: n})
			if err != nil {
				t.Fatal(err)
			}
			return saved
		}
		public := save(testNews("Public item", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, cat.ID))
		draft := save(testNews("Draft item", knowledge.AudiencePublic, knowledge.NewsDraft, time.Time{}, cat.ID))
		future := save(testNews("Future item", knowledge.AudiencePublic, knowledge.NewsPublished, now.Add(48*time.Hour), cat.ID))
		members := save(testNews("Members item", knowledge.AudienceMembers, knowledge.NewsPublished, time.Time{}, cat.ID))
		if !public.PublishedAt.Equal(now) || public.Slug != "public-item-fr" {
			t.Fatalf("published %+v", public)
		}

		slugs := func(who berceau.Actor) map[string]bool {
			t.Helper()
			list, err := a.News.News(ctx, who, NewsListQuery{CategorySlug: cat.Slug})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]bool{}
			for _, c := range list.Items {
				out[c.Item.Slug] = true
			}
			return out
		}
		feedSlugs := func() map[string]bool {
			t.Helper()
			out := map[string]bool{}
			for _, lang := range []string{"fr", "en"} {
				feed, err := a.News.Feed(ctx, lang, cat.Slug)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range feed.Items {
					out[c.Item.Slug] = true
				}
			}
			return out
		}
		if got := slugs(anon); !got[public.Slug] || got[draft.Slug] || got[future.Slug] || got[members.Slug] {
			t.Errorf("anonymous list %v", got)
		}
		if got := feedSlugs(); !got[public.Slug] || got[draft.Slug] || got[future.Slug] || got[members.Slug] {
			t.Errorf("feeds %v", got)
		}
		if got := slugs(member); !got[members.Slug] || got[draft.Slug] || got[future.Slug] {
			t.Errorf("member list %v", got)
		}
		for _, n := range []knowledge.NewsItem{draft, future, members} {
			if _, err := a.News.NewsItem(ctx, anon, n.Slug); !berceau.IsNotFound(err) {
				t.Errorf("anonymous read %s: %v", n.Slug, err)
			}
		}
		if _, err := a.News.NewsItem(ctx, member, draft.Slug); !berceau.IsNotFound(err) {
			t.Errorf("a member read a draft: %v", err)
		}
		if d, err := a.News.NewsItem(ctx, editor, future.Slug); err != nil || !d.CanEdit || !d.Scheduled {
			t.Errorf("the editor's view of the scheduled item: %+v %v", d, err)
		}
		hits, err := a.News.SearchPublic(ctx, PublicQuery{Lang: "en", Words: "item"})
		if err != nil {
			t.Fatal(err)
		}
		featured, err := a.News.FeaturedPublic(ctx, "en", 50)
		if err != nil {
			t.Fatal(err)
		}
		hits = append(hits, featured...)
		if len(hits) < 2 || hits[0].Title != "Public item" || hits[0].URL != "/news/"+public.Slug {
			t.Errorf("the portal's source: %+v", hits)
		}
		for _, h := range hits {
			if h.Title == "Draft item" || h.Title == "Future item" || h.Title == "Members item" {
				t.Errorf("the portal's search found %q", h.Title)
			}
		}

		now = now.Add(49 * time.Hour) // the scheduled time has come
		if got := slugs(anon); !got[future.Slug] {
			t.Errorf("the scheduled item is still hidden at its time: %v", got)
		}
		if got := feedSlugs(); !got[future.Slug] {
			t.Errorf("the scheduled item is not in the feeds at its time: %v", got)
		}
		if n := newsAuditCount(t, st, "news.publish", berceau.OutcomeSuccess); n != 3 {
			t.Errorf("%d publications audited, want 3 (the draft is not published)", n)
		}
		if n := newsAuditCount(t, st, "news.create", berceau.OutcomeSuccess); n != 4 {
			t.Errorf("%d creations audited, want 4", n)
		}
	})
}

// TestOrganisationEditorsPublishForTheirOrganisationOnly: an editor of a
// directory organisation publishes, changes and deletes for it, never for
// another; every change and refusal is audited; a picture needs its
// alternative text and must be an image.
func TestOrganisationEditorsPublishForTheirOrganisationOnly(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		network := actor("contenu@berceau.example")
		mine, other := directory.NameUUID("demo-org:nid-hochelaga"), directory.NameUUID("demo-org:parvis")
		if _, err := a.News.SaveNews(ctx, actor("coordination@berceau.example"), NewsChange{Item: testNews("Avant", knowledge.AudiencePublic, knowledge.NewsDraft, time.Time{}, 0)}); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("someone who edits no organisation published: %v", err)
		}
		if err := a.Directory.GrantDirectoryEditor(ctx, network, mine, "coordination@berceau.example"); err != nil {
			t.Fatal(err)
		}
		coordinator := actor("coordination@berceau.example")
		n := testNews("Ouverture", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, 0)
		n.OrganizationID = other
		if _, err := a.News.SaveNews(ctx, coordinator, NewsChange{Item: n}); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("published for another organisation: %v", err)
		}
		n.OrganizationID = mine
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
		if _, err := a.News.SaveNews(ctx, coordinator, NewsChange{Item: n, Image: &NewsUpload{Content: png}}); berceau.KindOf(err) != berceau.KindInvalid ||
			err.(*berceau.Error).Fields["image_alt"] == "" {
			t.Fatalf("a picture without its description: %v", err)
		}
		n.ImageAlt = berceau.TextOf("fr", "La façade du nouveau site", "en", "The new site's front")
		if _, err := a.News.SaveNews(ctx, coordinator, NewsChange{Item: n, Image: &NewsUpload{Content: []byte("<svg onload=alert(1)>")}}); berceau.KindOf(err) != berceau.KindInvalid ||
			err.(*berceau.Error).Fields["image"] != "news.error.image_type" {
			t.Fatalf("an SVG passed as a picture: %v", err)
		}
		saved, err := a.News.SaveNews(ctx, coordinator, NewsChange{Item: n, Image: &NewsUpload{Content: png}})
		if err != nil {
			t.Fatal(err)
		}
		img, err := a.News.NewsImage(ctx, berceau.Anonymous(""), saved.ID)
		if err != nil || img.ContentType != "image/png" || len(img.Content) != len(png) {
			t.Fatalf("picture %q %d %v", img.ContentType, len(img.Content), err)
		}
		byNetwork := testNews("Réseau", knowledge.AudiencePublic, knowledge.NewsDraft, time.Time{}, 0)
		byNetwork.OrganizationID = other
		theirs, err := a.News.SaveNews(ctx, network, NewsChange{Item: byNetwork})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.News.DeleteNews(ctx, coordinator, theirs.ID); berceau.KindOf(err) != berceau.KindForbidden {
			t.Fatalf("deleted another organisation's article: %v", err)
		}
		saved.Title = berceau.TextOf("fr", "Ouverture du site", "en", "Site opening")
		saved.ImageType = ""
		if saved, err = a.News.SaveNews(ctx, coordinator, NewsChange{Item: saved, RemoveImage: true}); err != nil || saved.ImageType != "" {
			t.Fatalf("update %+v %v", saved, err)
		}
		if _, err := a.News.NewsImage(ctx, network, saved.ID); !berceau.IsNotFound(err) {
			t.Fatalf("the removed picture is still served: %v", err)
		}
		if err := a.News.DeleteNews(ctx, coordinator, saved.ID); err != nil {
			t.Fatal(err)
		}
		for action, want := range map[string]int{"news.create": 2, "news.update": 1, "news.delete": 1} {
			if n := newsAuditCount(t, st, action, berceau.OutcomeSuccess); n != want {
				t.Errorf("%s audited %d times, want %d", action, n, want)
			}
		}
		if n := newsAuditCount(t, st, "news.create", berceau.OutcomeDenied) + newsAuditCount(t, st, "news.delete", berceau.OutcomeDenied); n != 3 {
			t.Errorf("%d refusals audited, want 3", n)
		}
	})
}

// TestNewsletterDoubleOptInDigestAndOneClickUnsubscribe: an unconfirmed
// address gets nothing but the confirmation mail; a confirmed one gets the
// new public articles of its category, in its language, with the RFC 8058
// headers; unsubscribing is immediate; an expired link confirms nothing.
func TestNewsletterDoubleOptInDigestAndOneClickUnsubscribe(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		a.opts.BaseURL, a.opts.MailFrom = "https://berceau.example", "Réseau <nouvelles@berceau.example>"
		now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		editor := actor("contenu@berceau.example")
		cat, err := a.News.SaveCategory(ctx, editor, knowledge.NewsCategory{Name: berceau.TextOf("fr", "Formations", "en", "Trainings")})
		if err != nil {
			t.Fatal(err)
		}
		mails := func(to string) []store.OutboxMessage {
			t.Helper()
			var out []store.OutboxMessage
			_ = st.ReadTx(ctx, func(tx *store.Tx) error {
				list, err := tx.ListOutbox(ctx, 500)
				for _, m := range list {
					if m.Recipient == to {
						out = append(out, m)
					}
				}
				return err
			})
			return out
		}
		anon := berceau.Anonymous("192.0.2.7")
		if err := a.News.Subscribe(ctx, anon, "ines@example.org", "en", []int64{cat.ID}); err != nil {
			t.Fatal(err)
		}
		if err := a.News.Subscribe(ctx, anon, "late@example.org", "fr", []int64{cat.ID}); err != nil {
			t.Fatal(err)
		}
		// Asking again at once mails nothing more: the form cannot flood an inbox.
		if err := a.News.Subscribe(ctx, anon, "ines@example.org", "en", []int64{cat.ID}); err != nil {
			t.Fatal(err)
		}
		confirm := mails("ines@example.org")
		if len(confirm) != 1 || !strings.Contains(confirm[0].Body, "https://berceau.example/news/subscribe/confirm?token=") || !strings.Contains(confirm[0].Subject, "confirm") {
			t.Fatalf("confirmation mail %+v", confirm)
		}
		token := confirm[0].Body[strings.Index(confirm[0].Body, "token=")+len("token="):]
		token = strings.Fields(token)[0]
		if len(token) < 40 {
			t.Fatalf("token %q is guessable", token)
		}

		if _, err := a.News.SaveNews(ctx, editor, NewsChange{Item: testNews("Cycle de formation", knowledge.AudiencePublic, knowledge.NewsPublished, now.Add(time.Minute), cat.ID)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if n, err := a.News.SendDigests(ctx); err != nil || n != 0 {
			t.Fatalf("digests before any confirmation: %d %v", n, err)
		}
		if len(mails("ines@example.org")) != 1 || len(mails("late@example.org")) != 1 {
			t.Fatal("an unconfirmed address received a digest")
		}
		if _, err := a.News.ConfirmSubscription(ctx, "not-the-token"); !berceau.IsNotFound(err) {
			t.Fatalf("a wrong token confirmed: %v", err)
		}
		cats, err := a.News.ConfirmSubscription(ctx, token)
		if err != nil || len(cats) != 1 || cats[0].ID != cat.ID {
			t.Fatalf("confirm: %v %v", cats, err)
		}
		if _, err := a.News.ConfirmSubscription(ctx, token); !berceau.IsNotFound(err) {
			t.Fatalf("a token confirmed twice: %v", err)
		}
		// Articles published after the confirmation reach the digest; a
		// members' one and a draft never do.
		now = now.Add(time.Hour)
		if _, err := a.News.SaveNews(ctx, editor, NewsChange{Item: testNews("Collecte de vêtements", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.News.SaveNews(ctx, editor, NewsChange{Item: testNews("Réservé", knowledge.AudienceMembers, knowledge.NewsPublished, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.News.SaveNews(ctx, editor, NewsChange{Item: testNews("Brouillon", knowledge.AudiencePublic, knowledge.NewsDraft, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if n, err := a.News.SendDigests(ctx); err != nil || n != 1 {
			t.Fatalf("digests: %d %v", n, err)
		}
		got := mails("ines@example.org")
		if len(got) != 2 {
			t.Fatalf("mails to the confirmed address: %d", len(got))
		}
		digest := got[0] // newest first
		if !strings.Contains(digest.Body, "Collecte de vêtements") || strings.Contains(digest.Body, "Réservé") || strings.Contains(digest.Body, "Brouillon") ||
			!strings.Contains(digest.Subject, "Trainings") || !strings.Contains(digest.Body, "New in") {
			t.Fatalf("digest (in English, public news only):\n%s\n%s", digest.Subject, digest.Body)
		}
		headers := map[string]string{}
		for _, h := range digest.Headers {
			headers[h.Name] = h.Value
		}
		unsubscribe := headers["List-Unsubscribe"]
		if !strings.HasPrefix(unsubscribe, "<https://berceau.example/news/unsubscribe/") || !strings.Contains(unsubscribe, ", <mailto:nouvelles@berceau.example?subject=unsubscribe%20") ||
			headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
			t.Fatalf("headers %v", headers)
		}
		if len(mails("late@example.org")) != 1 {
			t.Fatal("the unconfirmed address received the digest")
		}
		// Nothing new: no second digest.
		if n, err := a.News.SendDigests(ctx); err != nil || n != 0 {
			t.Fatalf("a digest with nothing new: %d %v", n, err)
		}
		unsubToken := strings.TrimSuffix(strings.TrimPrefix(strings.SplitN(unsubscribe, ",", 2)[0], "<https://berceau.example/news/unsubscribe/"), ">")
		if info, err := a.News.UnsubscribeInfo(ctx, unsubToken); err != nil || info.Email != "i***@example.org" {
			t.Fatalf("unsubscribe page: %+v %v", info, err)
		}
		if _, err := a.News.Unsubscribe(ctx, unsubToken); err != nil {
			t.Fatal(err)
		}
		if _, err := a.News.Unsubscribe(ctx, unsubToken); !berceau.IsNotFound(err) {
			t.Fatalf("unsubscribed twice: %v", err)
		}
		if _, err := a.News.SaveNews(ctx, editor, NewsChange{Item: testNews("Après le départ", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if n, err := a.News.SendDigests(ctx); err != nil || n != 0 || len(mails("ines@example.org")) != 2 {
			t.Fatalf("a digest after unsubscribing: %d %v", n, err)
		}
		// The late address's link expires after 48 hours and the request is erased.
		lateToken := mails("late@example.org")[0].Body
		lateToken = strings.Fields(lateToken[strings.Index(lateToken, "token=")+len("token="):])[0]
		now = now.Add(49 * time.Hour)
		if _, err := a.News.ConfirmSubscription(ctx, lateToken); !berceau.IsNotFound(err) {
			t.Fatalf("an expired link confirmed: %v", err)
		}
		counts, err := a.News.SubscriberCounts(ctx, actor("admin@berceau.example"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range counts {
			if c.Category.ID == cat.ID && (c.Confirmed != 0 || c.Pending != 1) {
				t.Errorf("counts %+v", c)
			}
		}
		if _, err := a.News.SendDigests(ctx); err != nil {
			t.Fatal(err)
		}
		counts, _ = a.News.SubscriberCounts(ctx, actor("admin@berceau.example"))
		for _, c := range counts {
			if c.Category.ID == cat.ID && c.Pending != 0 {
				t.Errorf("an expired request was kept: %+v", c)
			}
		}
	})
}

// TestTheDigestIsADailyJob: the digest runs from the jobs table (a
// periodic job seeded at start), not only when called.
func TestTheDigestIsADailyJob(t *testing.T) {
	t.Parallel()
	demoDatabase.ForEachEngine(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a, actor, _, _ := demoWorld(t, st)
		now := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)
		a.SetClock(func() time.Time { return now })
		editor := actor("contenu@berceau.example")
		cat, err := a.News.SaveCategory(ctx, editor, knowledge.NewsCategory{Name: berceau.TextOf("fr", "Quotidien")})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.News.Subscribe(ctx, berceau.Anonymous(""), "omar@example.org", "fr", []int64{cat.ID}); err != nil {
			t.Fatal(err)
		}
		var token string
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			list, err := tx.ListOutbox(ctx, 10)
			for _, m := range list {
				if m.Recipient == "omar@example.org" {
					token = strings.Fields(m.Body[strings.Index(m.Body, "token=")+len("token="):])[0]
				}
			}
			return err
		})
		if _, err := a.News.ConfirmSubscription(ctx, token); err != nil {
			t.Fatal(err)
		}
		if err := a.Jobs.seedPeriodic(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if _, err := a.News.SaveNews(ctx, editor, NewsChange{Item: testNews("Au quotidien", knowledge.AudiencePublic, knowledge.NewsPublished, time.Time{}, cat.ID)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if _, err := a.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		digests := 0
		_ = st.ReadTx(ctx, func(tx *store.Tx) error {
			list, err := tx.ListOutbox(ctx, 10)
			for _, m := range list {
				if m.Recipient == "omar@example.org" && len(m.Headers) > 0 {
					digests++
				}
			}
			return err
		})
		if digests != 1 {
			t.Fatalf("the job sent %d digests, want 1", digests)
		}
	})
}
