package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/berceau/berceau/ui"
)

// assets serves the embedded static files under content-hashed names
// (css/berceau.3fa2c1d0.css), so browsers may cache them for a year and
// still see a new version the moment it ships.
type assets struct {
	urls  map[string]string // css/berceau.css → /static/css/berceau.<hash>.css
	files map[string]asset  // /static/css/berceau.<hash>.css → content
}

type asset struct {
	body        []byte
	contentType string
	etag        string
}

func loadAssets() (*assets, error) {
	a := &assets{urls: map[string]string{}, files: map[string]asset{}}
	bodies := map[string][]byte{}
	var styles []string
	err := fs.WalkDir(ui.Static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(ui.Static, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		bodies[name] = body
		if path.Ext(name) == ".css" {
			styles = append(styles, name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name, body := range bodies {
		if path.Ext(name) != ".css" {
			a.add(name, body)
		}
	}
	// Stylesheets last: the files they refer to by a relative url() (a
	// vendored library's images) are named by their hashed URLs, which
	// the stylesheet's own hash then covers.
	for _, name := range styles {
		a.add(name, a.resolveURLs(name, bodies[name]))
	}
	return a, nil
}

func (a *assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])[:12]
	ext := path.Ext(name)
	url := "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext
	ctype := mime.TypeByExtension(ext)
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	a.urls[name] = url
	a.files[url] = asset{body: body, contentType: ctype, etag: `"` + hash + `"`}
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")\s]+)['"]?\s*\)`)

// resolveURLs replaces a stylesheet's relative url() references to other
// static files by their hashed URLs; other references stay as they are.
func (a *assets) resolveURLs(name string, body []byte) []byte {
	return cssURL.ReplaceAllFunc(body, func(m []byte) []byte {
		ref := string(cssURL.FindSubmatch(m)[1])
		if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") {
			return m
		}
		if u, ok := a.urls[path.Join(path.Dir(name), ref)]; ok {
			return []byte("url(" + u + ")")
		}
		return m
	})
}

// url returns the hashed URL of name; an unknown name is a programming error
// that the template tests catch, so it yields an obviously broken URL.
func (a *assets) url(name string) string {
	if u, ok := a.urls[name]; ok {
		return u
	}
	return "/static/missing/" + name
}

var assetEpoch = time.Unix(0, 0)

func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := a.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, "", assetEpoch, strings.NewReader(string(f.body)))
}
