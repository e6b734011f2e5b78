package web

import "github.com/berceau/berceau"

// newsRoutes are the news: the public list, articles, pictures and feeds;
// the newsletter's subscription, confirmation and one-click unsubscribe
// (public: the token is the authority); the editors' pages, open to
// anyone signed in, the app then letting through only those who publish
// for an organisation; the subscriber counts, the administrator's.
func (s *Server) newsRoutes() []route {
	return []route{
		{"GET /news", berceau.PermPublic, s.handleNewsList},
		{"GET /news/category/{slug}", berceau.PermPublic, s.handleNewsList},
		{"GET /news/feed.rss", berceau.PermPublic, s.handleNewsFeed},
		{"GET /news/feed.atom", berceau.PermPublic, s.handleNewsFeed},
		{"GET /news/category/{slug}/feed.rss", berceau.PermPublic, s.handleNewsFeed},
		{"GET /news/category/{slug}/feed.atom", berceau.PermPublic, s.handleNewsFeed},
		{"GET /news/{ref}", berceau.PermPublic, s.handleNewsArticle},
		{"GET /news/image/{id}", berceau.PermPublic, s.handleNewsImage},

		{"GET /news/subscribe", berceau.PermPublic, s.handleNewsSubscribeForm},
		{"POST /news/subscribe", berceau.PermPublic, s.handleNewsSubscribe},
		{"GET /news/subscribe/confirm", berceau.PermPublic, s.handleNewsConfirmForm},
		{"POST /news/subscribe/confirm", berceau.PermPublic, s.handleNewsConfirm},
		{"GET /news/unsubscribe/{token}", berceau.PermPublic, s.handleNewsUnsubscribeForm},
		{"POST /news/unsubscribe/{token}", berceau.PermPublic, s.handleNewsUnsubscribe},

		{"GET /news/manage", berceau.PermSignedIn, s.handleNewsManage},
		{"GET /news/manage/new", berceau.PermSignedIn, s.handleNewsNew},
		{"POST /news/manage", berceau.PermSignedIn, s.handleNewsSave},
		{"GET /news/manage/{id}/edit", berceau.PermSignedIn, s.handleNewsEdit},
		{"POST /news/manage/{id}", berceau.PermSignedIn, s.handleNewsSave},
		{"POST /news/manage/{id}/delete", berceau.PermSignedIn, s.handleNewsDelete},
		{"POST /news/categories", berceau.PermKnowledgeEdit, s.handleNewsCategorySave},
		{"POST /news/categories/{id}", berceau.PermKnowledgeEdit, s.handleNewsCategorySave},

		{"GET /admin/newsletter", berceau.PermAdminUsers, s.handleNewsSubscribers},
	}
}
