package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/berceau/berceau"
)

// NewsSubscription is one address subscribed to one category's news.
type NewsSubscription struct {
	ID               int64
	Email            string
	CategoryID       int64
	Lang             string
	ConfirmedAt      time.Time // zero until the address is confirmed
	ConfirmExpiresAt time.Time
	UnsubscribeToken string
	LastSentAt       time.Time
	CreatedAt        time.Time
}

const newsSubscriptionColumns = `id, email, category_id, lang, confirmed_at, confirm_expires_at, unsubscribe_token, last_sent_at, created_at`

func scanNewsSubscription(row rowScanner) (NewsSubscription, error) {
	var s NewsSubscription
	var confirmed, expires, sent sql.NullTime
	err := row.Scan(&s.ID, &s.Email, &s.CategoryID, &s.Lang, &confirmed, &expires, &s.UnsubscribeToken, &sent, &s.CreatedAt)
	s.ConfirmedAt, s.ConfirmExpiresAt, s.LastSentAt = confirmed.Time.UTC(), expires.Time.UTC(), sent.Time.UTC()
	if !confirmed.Valid {
		s.ConfirmedAt = time.Time{}
	}
	if !expires.Valid {
		s.ConfirmExpiresAt = time.Time{}
	}
	if !sent.Valid {
		s.LastSentAt = time.Time{}
	}
	s.CreatedAt = s.CreatedAt.UTC()
	return s, err
}

// RequestNewsSubscription records that email asks for category's news,
// awaiting the confirmation whose token hashes to confirmHash. An address
// already confirmed for the category stays as it is (its language is
// updated); an unconfirmed one gets the new token, unless its link expires
// after quietAfter (it was mailed a moment ago: asking again mails nothing,
// so the form cannot flood an inbox). It reports whether a new link awaits
// confirmation.
func (tx *Tx) RequestNewsSubscription(ctx context.Context, email string, categoryID int64, lang, confirmHash string, expires, quietAfter time.Time) (pending bool, err error) {
	var id int64
	var confirmed, linkExpires sql.NullTime
	err = tx.queryRow(ctx, `SELECT id, confirmed_at, confirm_expires_at FROM news_subscriptions WHERE email = $1 AND category_id = $2`,
		email, categoryID).Scan(&id, &confirmed, &linkExpires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.exec(ctx, `INSERT INTO news_subscriptions (email, category_id, lang, confirm_hash, confirm_expires_at, unsubscribe_token, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, email, categoryID, lang, confirmHash, expires.UTC(), berceau.NewUUID()+berceau.NewUUID(), tx.now)
		return true, wrapErr("request news subscription", err)
	case err != nil:
		return false, wrapErr("request news subscription", err)
	case confirmed.Valid:
		_, err = tx.exec(ctx, `UPDATE news_subscriptions SET lang = $1 WHERE id = $2`, lang, id)
		return false, wrapErr("request news subscription", err)
	case linkExpires.Valid && linkExpires.Time.After(quietAfter):
		return false, nil
	}
	_, err = tx.exec(ctx, `UPDATE news_subscriptions SET lang = $1, confirm_hash = $2, confirm_expires_at = $3 WHERE id = $4`,
		lang, confirmHash, expires.UTC(), id)
	return true, wrapErr("request news subscription", err)
}

// ConfirmNewsSubscriptions confirms the subscriptions awaiting the token
// that hashes to confirmHash, unless expired at now; it returns them.
func (tx *Tx) ConfirmNewsSubscriptions(ctx context.Context, confirmHash string, now time.Time) ([]NewsSubscription, error) {
	if confirmHash == "" {
		return nil, nil
	}
	list, err := queryAll(ctx, tx, "read news subscriptions to confirm", scanNewsSubscription, `SELECT `+newsSubscriptionColumns+`
		FROM news_subscriptions WHERE confirm_hash = $1 AND confirmed_at IS NULL AND confirm_expires_at > $2 ORDER BY id`, confirmHash, now.UTC())
	if err != nil || len(list) == 0 {
		return nil, err
	}
	_, err = tx.exec(ctx, `UPDATE news_subscriptions SET confirmed_at = $1, last_sent_at = $1, confirm_hash = ''
		WHERE confirm_hash = $2 AND confirmed_at IS NULL AND confirm_expires_at > $3`, tx.now, confirmHash, now.UTC())
	for i := range list {
		list[i].ConfirmedAt, list[i].LastSentAt = tx.now, tx.now
	}
	return list, wrapErr("confirm news subscriptions", err)
}

// NewsSubscriptionByToken reads the subscription an unsubscribe token names.
func (tx *Tx) NewsSubscriptionByToken(ctx context.Context, token string) (NewsSubscription, error) {
	s, err := scanNewsSubscription(tx.queryRow(ctx, `SELECT `+newsSubscriptionColumns+` FROM news_subscriptions WHERE unsubscribe_token = $1`, token))
	return s, wrapErr("read news subscription", notFound(err, "news.error.subscription_not_found"))
}

// DeleteNewsSubscription ends a subscription.
func (tx *Tx) DeleteNewsSubscription(ctx context.Context, id int64) error {
	return wrapErr("delete news subscription", affectedOne(tx.exec(ctx, `DELETE FROM news_subscriptions WHERE id = $1`, id)))
}

// ConfirmedNewsSubscriptions lists the confirmed subscriptions of a category.
func (tx *Tx) ConfirmedNewsSubscriptions(ctx context.Context, categoryID int64) ([]NewsSubscription, error) {
	return queryAll(ctx, tx, "list news subscriptions", scanNewsSubscription, `SELECT `+newsSubscriptionColumns+`
		FROM news_subscriptions WHERE category_id = $1 AND confirmed_at IS NOT NULL ORDER BY id`, categoryID)
}

// MarkNewsDigestSent records that a subscription received the news up to at.
func (tx *Tx) MarkNewsDigestSent(ctx context.Context, id int64, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE news_subscriptions SET last_sent_at = $1 WHERE id = $2`, at.UTC(), id)
	return wrapErr("mark news digest sent", err)
}

// PurgeUnconfirmedNewsSubscriptions erases the requests never confirmed
// whose link expired before now; it returns how many.
func (tx *Tx) PurgeUnconfirmedNewsSubscriptions(ctx context.Context, now time.Time) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM news_subscriptions WHERE confirmed_at IS NULL AND confirm_expires_at <= $1`, now.UTC())
	if err != nil {
		return 0, wrapErr("purge news subscriptions", err)
	}
	n, err := res.RowsAffected()
	return n, wrapErr("purge news subscriptions", err)
}

// NewsSubscriberCount is how many addresses a category has.
type NewsSubscriberCount struct {
	CategoryID int64
	Confirmed  int
	Pending    int
}

// NewsSubscriberCounts counts the subscriptions of every category.
func (tx *Tx) NewsSubscriberCounts(ctx context.Context) ([]NewsSubscriberCount, error) {
	return queryAll(ctx, tx, "count news subscribers", func(row rowScanner) (NewsSubscriberCount, error) {
		var c NewsSubscriberCount
		err := row.Scan(&c.CategoryID, &c.Confirmed, &c.Pending)
		return c, err
	}, `SELECT category_id, SUM(CASE WHEN confirmed_at IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN confirmed_at IS NULL THEN 1 ELSE 0 END)
		FROM news_subscriptions GROUP BY category_id ORDER BY category_id`)
}
