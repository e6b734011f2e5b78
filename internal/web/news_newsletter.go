package web

import (
	"net/http"
	"strconv"
)

// The newsletter's pages: subscribing (double opt-in), confirming through
// the mailed link (a page with a button, so that a mail scanner opening the
// link confirms nothing), and the one-click unsubscribe of RFC 8058: GET
// shows one button, POST — the page's button or a mail client's
// "List-Unsubscribe=One-Click" — unsubscribes at once. The network
// administrator sees how many subscribe, never who.

type newsSubscribePage struct {
	Layout
	Email      string
	Categories []newsCategoryChoice
	Errors     formErrors
	Sent       bool
}

type newsCategoryChoice struct {
	ID      int64
	Name    string
	Checked bool
}

func (s *Server) newsSubscribePage(r *http.Request, email string, checked map[int64]bool, errs formErrors) (*newsSubscribePage, error) {
	cats, err := s.app.News.Categories(r.Context())
	if err != nil {
		return nil, err
	}
	p := &newsSubscribePage{Layout: s.newLayout(r, "news", "news.subscribe_title"), Email: email, Errors: errs}
	for _, c := range cats {
		p.Categories = append(p.Categories, newsCategoryChoice{ID: c.ID, Name: p.local(c.Name).Value, Checked: checked[c.ID]})
	}
	return p, nil
}

// handleNewsSubscribeForm shows the subscription form.
func (s *Server) handleNewsSubscribeForm(w http.ResponseWriter, r *http.Request) {
	checked := map[int64]bool{}
	if id, err := strconv.ParseInt(r.URL.Query().Get("category"), 10, 64); err == nil {
		checked[id] = true
	}
	p, err := s.newsSubscribePage(r, state(r).actor.User.Email, checked, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "news_subscribe", p)
}

// handleNewsSubscribe records the request and mails the confirmation link.
func (s *Server) handleNewsSubscribe(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	var ids []int64
	checked := map[int64]bool{}
	for _, v := range r.PostForm["categories"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			s.renderError(w, r, http.StatusBadRequest)
			return
		}
		ids, checked[id] = append(ids, id), true
	}
	err := s.app.News.Subscribe(r.Context(), state(r).actor, email, state(r).lang, ids)
	if err != nil {
		errs, ok := formErrorsFrom(err)
		if !ok {
			s.renderDomainError(w, r, err)
			return
		}
		p, perr := s.newsSubscribePage(r, email, checked, errs)
		if perr != nil {
			s.renderDomainError(w, r, perr)
			return
		}
		s.render(w, r, statusForForm(err), "news_subscribe", p)
		return
	}
	p, err := s.newsSubscribePage(r, "", nil, formErrors{})
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p.Sent = true
	s.render(w, r, http.StatusOK, "news_subscribe", p)
}

type newsConfirmPage struct {
	Layout
	Token      string
	Done       bool
	Categories []string
}

// handleNewsConfirmForm shows the button that confirms a subscription.
func (s *Server) handleNewsConfirmForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if token == "" || len(token) > 100 {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	s.render(w, r, http.StatusOK, "news_confirm", &newsConfirmPage{Layout: s.newLayout(r, "news", "news.confirm_title"), Token: token})
}

// handleNewsConfirm confirms the subscriptions the token names.
func (s *Server) handleNewsConfirm(w http.ResponseWriter, r *http.Request) {
	cats, err := s.app.News.ConfirmSubscription(r.Context(), r.PostFormValue("token"))
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &newsConfirmPage{Layout: s.newLayout(r, "news", "news.confirm_title"), Done: true}
	for _, c := range cats {
		p.Categories = append(p.Categories, p.local(c.Name).Value)
	}
	s.render(w, r, http.StatusOK, "news_confirm", p)
}

type newsUnsubscribePage struct {
	Layout
	Token    string
	Email    string
	Category string
	Done     bool
}

// handleNewsUnsubscribeForm shows the one button that unsubscribes.
func (s *Server) handleNewsUnsubscribeForm(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	u, err := s.app.News.UnsubscribeInfo(r.Context(), token)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &newsUnsubscribePage{Layout: s.newLayout(r, "news", "news.unsubscribe_title"), Token: token, Email: u.Email}
	p.Category = p.local(u.Category.Name).Value
	s.render(w, r, http.StatusOK, "news_unsubscribe", p)
}

// handleNewsUnsubscribe unsubscribes at once: the page's button, or a mail
// client's RFC 8058 one-click POST (body List-Unsubscribe=One-Click, no
// cookie, no page wanted — it gets the same short page).
func (s *Server) handleNewsUnsubscribe(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	u, err := s.app.News.Unsubscribe(r.Context(), token)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &newsUnsubscribePage{Layout: s.newLayout(r, "news", "news.unsubscribe_title"), Email: u.Email, Done: true}
	p.Category = p.local(u.Category.Name).Value
	s.render(w, r, http.StatusOK, "news_unsubscribe", p)
}

type newsSubscribersPage struct {
	Layout
	Rows []newsSubscriberRow
}

type newsSubscriberRow struct {
	Category           string
	Confirmed, Pending int
}

// handleNewsSubscribers shows the network administrator how many follow
// each category.
func (s *Server) handleNewsSubscribers(w http.ResponseWriter, r *http.Request) {
	counts, err := s.app.News.SubscriberCounts(r.Context(), state(r).actor)
	if err != nil {
		s.renderDomainError(w, r, err)
		return
	}
	p := &newsSubscribersPage{Layout: s.newLayout(r, "admin", "news.subscribers_title")}
	for _, c := range counts {
		p.Rows = append(p.Rows, newsSubscriberRow{Category: p.local(c.Category.Name).Value, Confirmed: c.Confirmed, Pending: c.Pending})
	}
	s.render(w, r, http.StatusOK, "news_subscribers", p)
}
