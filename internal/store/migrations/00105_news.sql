-- +goose Up
-- News of the knowledge space (package knowledge, news.go): categories,
-- articles with their picture, newsletter subscriptions; and the extra
-- headers an outbox message carries (a digest's List-Unsubscribe).
-- Multilingual fields are one JSON text column each ({"fr": "...", "en": "..."}),
-- so any language the network enables fits.
CREATE TABLE news_categories (
    id         {{identity_pk}},
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL DEFAULT '{}',
    created_at {{timestamp}} NOT NULL
);

CREATE TABLE news_items (
    id              {{identity_pk}},
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL DEFAULT '{}',
    summary         TEXT NOT NULL DEFAULT '{}',
    body            TEXT NOT NULL DEFAULT '{}',
    category_id     {{bigint}} REFERENCES news_categories (id),
    organization_id TEXT NOT NULL REFERENCES directory_organizations (id),
    audience        TEXT NOT NULL,
    status          TEXT NOT NULL,
    published_at    {{timestamp}},
    image_alt       TEXT NOT NULL DEFAULT '{}',
    image_type      TEXT NOT NULL DEFAULT '',
    created_by      {{bigint}} REFERENCES users (id),
    created_at      {{timestamp}} NOT NULL,
    updated_at      {{timestamp}} NOT NULL
);
CREATE INDEX news_items_published ON news_items (status, published_at);
CREATE INDEX news_items_category ON news_items (category_id);

-- The picture's bytes, apart so that lists never read them.
CREATE TABLE news_images (
    news_id      {{bigint}} PRIMARY KEY REFERENCES news_items (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    content      {{blob}} NOT NULL
);

-- One row per address and category: each is a list of its own, with its
-- own one-click unsubscribe token. The confirmation token is stored hashed
-- and expires; an unconfirmed row receives nothing.
CREATE TABLE news_subscriptions (
    id                 {{identity_pk}},
    email              TEXT NOT NULL,
    category_id        {{bigint}} NOT NULL REFERENCES news_categories (id) ON DELETE CASCADE,
    lang               TEXT NOT NULL,
    confirm_hash       TEXT NOT NULL DEFAULT '',
    confirm_expires_at {{timestamp}},
    confirmed_at       {{timestamp}},
    unsubscribe_token  TEXT NOT NULL UNIQUE,
    last_sent_at       {{timestamp}},
    created_at         {{timestamp}} NOT NULL,
    UNIQUE (email, category_id)
);
CREATE INDEX news_subscriptions_confirm ON news_subscriptions (confirm_hash);
CREATE INDEX news_subscriptions_category ON news_subscriptions (category_id, confirmed_at);

CREATE TABLE outbox_headers (
    outbox_id {{bigint}} NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (outbox_id, position)
);

-- +goose Down
DROP TABLE outbox_headers;
DROP TABLE news_subscriptions;
DROP TABLE news_images;
DROP TABLE news_items;
DROP TABLE news_categories;
