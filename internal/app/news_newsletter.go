package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/berceau/berceau"
	"github.com/berceau/berceau/internal/store"
	"github.com/berceau/berceau/knowledge"
)

// The newsletter: an address subscribes to categories; nothing is sent
// until it follows the link mailed to it (double opt-in: the link's token
// is 32 random bytes, stored hashed, valid 48 hours). A periodic job mails
// each confirmed subscription the public articles published in its
// category since its last digest, through the outbox, with the RFC 8058
// one-click unsubscribe headers. Subscriber lists are never shown: the
// network administrator sees counts only.

const (
	newsConfirmLife = 48 * time.Hour
	// newsConfirmQuiet is how long after a confirmation mail another
	// request for the same address mails nothing.
	newsConfirmQuiet = 10 * time.Minute
	jobNewsDigest    = "news_digest"
	// newsDigestInterval is how often digests go out.
	newsDigestInterval = 24 * time.Hour
	// newsDigestMax bounds how many articles one digest lists.
	newsDigestMax = 20
)

func (s *NewsService) registerJobs() {
	s.Jobs.every(jobNewsDigest, newsDigestInterval, func(ctx context.Context, tx *store.Tx, _ store.Job) error {
		_, err := s.sendDigestsTx(ctx, tx)
		return err
	})
}

func hashNewsToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newNewsToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *NewsService) networkName(ctx context.Context, tx *store.Tx, lang string) string {
	network, _ := tx.Setting(ctx, berceau.SettingNetworkName)
	if network == "" {
		network = s.opts.I18n.Localizer(lang).T("app.default_network_name")
	}
	return network
}

func (s *NewsService) link(path string) string { return strings.TrimRight(s.opts.BaseURL, "/") + path }

// Subscribe asks for the news of categories at email, in lang. The answer
// is the same whether the address was known or not, so the form tells
// nobody who subscribes; a confirmation mail goes out when something awaits
// confirmation.
func (s *NewsService) Subscribe(ctx context.Context, actor berceau.Actor, email, lang string, categoryIDs []int64) error {
	email = strings.TrimSpace(email)
	fields := berceau.FieldCheck{}
	if email == "" {
		fields.Set("email", "error.required")
	}
	fields.Email("email", email)
	if len(categoryIDs) == 0 || len(categoryIDs) > 50 {
		fields.Set("categories", "news.error.category_required")
	}
	if len(fields) > 0 {
		return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: fields}
	}
	if !contains(knowledge.TextLanguages, lang) {
		lang = "fr"
	}
	token := newNewsToken()
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		var names []string
		pending := false
		for _, id := range categoryIDs {
			c, err := tx.NewsCategoryByID(ctx, id)
			if berceau.IsNotFound(err) {
				return &berceau.Error{Kind: berceau.KindInvalid, Key: "error.form_invalid", Fields: map[string]string{"categories": "news.error.category_not_found"}}
			}
			if err != nil {
				return err
			}
			waits, err := tx.RequestNewsSubscription(ctx, email, id, lang, hashNewsToken(token), s.now().Add(newsConfirmLife),
				s.now().Add(newsConfirmLife-newsConfirmQuiet))
			if err != nil {
				return err
			}
			if waits {
				pending = true
				v, _ := c.Name.In(lang)
				names = append(names, v)
			}
		}
		// The address is personal data: the audit names the categories only.
		if err := record(ctx, tx, actor, "news.subscribe", "news_subscription", 0, berceau.OutcomeSuccess, strings.Join(names, ", ")); err != nil {
			return err
		}
		if !pending {
			return nil
		}
		loc := s.opts.I18n.Localizer(lang)
		args := []any{"Network", s.networkName(ctx, tx, lang), "Categories", strings.Join(names, ", "),
			"Link", s.link("/news/subscribe/confirm?token=" + url.QueryEscape(token)), "Hours", int(newsConfirmLife.Hours())}
		m := store.OutboxMessage{Recipient: email, Subject: loc.T("news.mail.confirm.subject", args...), Body: loc.T("news.mail.confirm.body", args...)}
		return tx.QueueMail(ctx, &m)
	})
	return domainError(err)
}

// ConfirmSubscription confirms the subscriptions a mailed token names and
// returns their categories; an unknown or expired token is not found.
func (s *NewsService) ConfirmSubscription(ctx context.Context, token string) ([]knowledge.NewsCategory, error) {
	var cats []knowledge.NewsCategory
	if token == "" || len(token) > 100 {
		return nil, berceau.Errorf(berceau.KindNotFound, "news.error.link_dead")
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		subs, err := tx.ConfirmNewsSubscriptions(ctx, hashNewsToken(token), s.now())
		if err != nil {
			return err
		}
		if len(subs) == 0 {
			return berceau.Errorf(berceau.KindNotFound, "news.error.link_dead")
		}
		for _, sub := range subs {
			c, err := tx.NewsCategoryByID(ctx, sub.CategoryID)
			if err != nil {
				return err
			}
			cats = append(cats, c)
		}
		return record(ctx, tx, berceau.Actor{}, "news.subscribe.confirm", "news_subscription", subs[0].ID, berceau.OutcomeSuccess, "")
	})
	return cats, domainError(err)
}

// Unsubscription is what the one-click page shows: the list left, and the
// address partly hidden.
type Unsubscription struct {
	Category knowledge.NewsCategory
	Email    string // masked: a***@example.org
}

func maskEmail(email string) string {
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" {
		return "***"
	}
	r := []rune(local)
	return string(r[0]) + "***@" + domain
}

// UnsubscribeInfo reads the subscription a token names, for the page that
// asks to confirm; an unknown token (already unsubscribed) is not found.
func (s *NewsService) UnsubscribeInfo(ctx context.Context, token string) (Unsubscription, error) {
	var u Unsubscription
	if token == "" || len(token) > 100 {
		return u, berceau.Errorf(berceau.KindNotFound, "news.error.subscription_not_found")
	}
	err := s.store.ReadTx(ctx, func(tx *store.Tx) error {
		sub, err := tx.NewsSubscriptionByToken(ctx, token)
		if err != nil {
			return err
		}
		u.Email = maskEmail(sub.Email)
		u.Category, err = tx.NewsCategoryByID(ctx, sub.CategoryID)
		return err
	})
	return u, domainError(err)
}

// Unsubscribe ends the subscription a token names, at once (RFC 8058's
// one-click POST, or the page's button).
func (s *NewsService) Unsubscribe(ctx context.Context, token string) (Unsubscription, error) {
	var u Unsubscription
	if token == "" || len(token) > 100 {
		return u, berceau.Errorf(berceau.KindNotFound, "news.error.subscription_not_found")
	}
	err := s.store.WriteTx(ctx, func(tx *store.Tx) error {
		sub, err := tx.NewsSubscriptionByToken(ctx, token)
		if err != nil {
			return err
		}
		u.Email = maskEmail(sub.Email)
		if u.Category, err = tx.NewsCategoryByID(ctx, sub.CategoryID); err != nil {
			return err
		}
		if err := tx.DeleteNewsSubscription(ctx, sub.ID); err != nil {
			return err
		}
		return record(ctx, tx, berceau.Actor{}, "news.unsubscribe", "news_subscription", sub.ID, berceau.OutcomeSuccess, knowledge.FirstText(u.Category.Name))
	})
	return u, domainError(err)
}

// SubscriberCount is how many addresses follow a category.
type SubscriberCount struct {
	Category  knowledge.NewsCategory
	Confirmed int
	Pending   int
}

// SubscriberCounts counts each category's subscribers: the network
// administrator's only view of the newsletter's audience (no address is
// ever listed).
func (s *NewsService) SubscriberCounts(ctx context.Context, actor berceau.Actor) ([]SubscriberCount, error) {
	var out []SubscriberCount
	err := s.read(ctx, actor, berceau.PermAdminUsers, &auditTarget{Action: "news.subscribers", ObjectType: "news_subscription"}, func(tx *store.Tx) error {
		cats, err := tx.NewsCategories(ctx)
		if err != nil {
			return err
		}
		counts, err := tx.NewsSubscriberCounts(ctx)
		if err != nil {
			return err
		}
		for _, c := range cats {
			sc := SubscriberCount{Category: c}
			for _, n := range counts {
				if n.CategoryID == c.ID {
					sc.Confirmed, sc.Pending = n.Confirmed, n.Pending
				}
			}
			out = append(out, sc)
		}
		return nil
	})
	return out, err
}

// SendDigests runs the digest now (tests and the demo; the job runs it
// every day). It returns how many mails were queued.
func (s *NewsService) SendDigests(ctx context.Context) (int, error) {
	var n int
	err := s.store.WriteTx(ctx, func(tx *store.Tx) (err error) {
		n, err = s.sendDigestsTx(ctx, tx)
		return err
	})
	return n, domainError(err)
}

// sendDigestsTx queues, for every confirmed subscription, the public
// articles of its category published since its last digest, and erases
// the requests never confirmed.
func (s *NewsService) sendDigestsTx(ctx context.Context, tx *store.Tx) (int, error) {
	now := s.now()
	if _, err := tx.PurgeUnconfirmedNewsSubscriptions(ctx, now); err != nil {
		return 0, err
	}
	cats, err := tx.NewsCategories(ctx)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, c := range cats {
		subs, err := tx.ConfirmedNewsSubscriptions(ctx, c.ID)
		if err != nil {
			return sent, err
		}
		for _, sub := range subs {
			since := sub.LastSentAt
			if since.IsZero() {
				since = sub.ConfirmedAt
			}
			items, _, err := tx.NewsList(ctx, store.NewsQuery{VisibleOnly: true, Now: now, CategoryID: c.ID, Since: since, Limit: newsDigestMax})
			if err != nil {
				return sent, err
			}
			if len(items) > 0 {
				if err := tx.QueueMail(ctx, s.digestMail(ctx, tx, c, sub, items)); err != nil {
					return sent, err
				}
				sent++
			}
			if err := tx.MarkNewsDigestSent(ctx, sub.ID, now); err != nil {
				return sent, err
			}
		}
	}
	return sent, nil
}

// digestMail writes one digest in the subscriber's language, with the
// RFC 2369 List-Unsubscribe (the https address first, then a mailto to the
// network's sender) and RFC 8058's List-Unsubscribe-Post.
func (s *NewsService) digestMail(ctx context.Context, tx *store.Tx, c knowledge.NewsCategory, sub store.NewsSubscription, items []knowledge.NewsItem) *store.OutboxMessage {
	loc := s.opts.I18n.Localizer(sub.Lang)
	category, _ := c.Name.In(sub.Lang)
	unsubscribe := s.link("/news/unsubscribe/" + sub.UnsubscribeToken)
	var list strings.Builder
	for _, n := range items {
		title, _ := n.Title.In(sub.Lang)
		summary, _ := n.Summary.In(sub.Lang)
		list.WriteString("• " + title + "\n")
		if summary != "" {
			list.WriteString("  " + summary + "\n")
		}
		list.WriteString("  " + s.link("/news/"+n.Slug) + "\n\n")
	}
	args := []any{"Network", s.networkName(ctx, tx, sub.Lang), "Category", category, "Items", strings.TrimRight(list.String(), "\n"),
		"Count", len(items), "Unsubscribe", unsubscribe}
	m := &store.OutboxMessage{Recipient: sub.Email, Subject: loc.T("news.mail.digest.subject", args...), Body: loc.T("news.mail.digest.body", args...)}
	listUnsubscribe := "<" + unsubscribe + ">"
	if from, err := mail.ParseAddress(s.opts.MailFrom); err == nil && s.opts.MailFrom != "" {
		listUnsubscribe += ", <mailto:" + from.Address + "?subject=" + url.PathEscape("unsubscribe "+sub.UnsubscribeToken) + ">"
	}
	m.Headers = []store.OutboxHeader{
		{Name: "List-Unsubscribe", Value: listUnsubscribe},
		{Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click"},
		{Name: "List-Id", Value: "<" + c.Slug + ".news." + newsListDomain(s.opts.BaseURL) + ">"},
	}
	return m
}

func newsListDomain(base string) string {
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "berceau.invalid"
}
